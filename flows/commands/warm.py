"""`appeal warm`: keep imports and Prefect's API started, and run the cases `appeal process` hands over."""

from __future__ import annotations

import argparse

from casefile.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    from flows.commands.process import process_reporting_errors
    from flows.warm import WarmServer

    server = WarmServer(process_reporting_errors, idle_timeout=args.idle or None)  # before Prefect touches os.environ
    import flows.process_case  # noqa: F401  (paid now, not by the first case)
    from flows import isolation
    from flows.lifetime import local_api

    with local_api():
        isolation.prestart()  # the reader's fork server, paid now too
        print(f"appeal warm: serving `appeal process` at {server.path} (Ctrl-C or SIGTERM stops)", flush=True)
        server.serve()
    return ExitCode.ok
