"""The parts of bench/accuracy.py: the pipeline as the bench runs it, and per mode (the sample cases,
the random set, random whole cases) what is scored, how, and the tables printed."""
