#!/usr/bin/env bash
# Processes every bundled sample case and says, per case, its status and where its outputs are.
set -uo pipefail
AS_OF="${1:-2026-11-28}"
OUT="${2:-out/demo}"
APPEAL=".venv/bin/appeal"
mkdir -p "$OUT"
shopt -s nullglob
status=0
for case in samples/cases/*; do
  name="$(basename "$case")"; name="${name%.zip}"
  log="$OUT/$name.log"
  if "$APPEAL" process "$case" --out "$OUT/$name" --as-of "$AS_OF" > "$log" 2>&1; then
    cat "$log"
  else
    echo "$name: could not be processed:"; tail -n 5 "$log"; status=1
  fi
done
exit $status
