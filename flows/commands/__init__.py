"""One module per `appeal` subcommand, each with `run(args) -> exit code`; imported only when chosen,
so `appeal --help`, `appeal status` and `appeal mark` start without importing Prefect."""
