"""`appeal serve`: the Prefect UI with the three deployments, and the drop folder watched."""

from __future__ import annotations

import argparse
import os
from contextlib import nullcontext

from casefile.errors import ExitCode
from casefile.store import appeal_home


def run(args: argparse.Namespace) -> int:
    from flows.serve import local_server

    home = appeal_home().resolve()
    os.environ["APPEAL_HOME"] = str(home)  # flow runs start in their own processes, maybe elsewhere
    external = os.environ.get("PREFECT_API_URL")
    if external:
        print(f"appeal serve: using the Prefect server at {external}", flush=True)
    else:
        print(f"appeal serve: starting a local Prefect server (SQLite under {home / 'prefect'}) ...", flush=True)
    with nullcontext(external) if external else local_server(home) as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        if not external:
            print(f"appeal serve: Prefect UI at {api_url.removesuffix('/api')}", flush=True)
        from flows.serve import serve_all  # imports Prefect, which now sees PREFECT_API_URL

        serve_all(limit=args.limit, ingest_interval=args.interval, debounce=args.debounce)
    return ExitCode.ok
