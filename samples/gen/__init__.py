"""Builders for the sample cases: one module per file format, one module per case."""
