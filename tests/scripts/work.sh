#!/usr/bin/env bash
# Diamond example, parallel step: wraps its input in a new JSON document.
# Usage: work.sh -i IN -o OUT
set -euo pipefail
input=""; output=""
while [ $# -gt 0 ]; do
  case "$1" in
    -i) input="$2"; shift 2 ;;
    -o) output="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$input" ] || { echo "missing input $input" >&2; exit 1; }
printf '{"source": "work", "input": "%s", "data": %s}\n' "$input" "$(cat "$input")" > "$output"
echo "work wrote $output"
