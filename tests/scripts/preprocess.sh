#!/usr/bin/env bash
# Diamond example, step 1: reads one JSON input and writes one output per -o, each recording
# where its data came from. Usage: preprocess.sh -i IN -o OUT [-o OUT ...]
set -euo pipefail
input=""; outputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -i) input="$2"; shift 2 ;;
    -o) outputs+=("$2"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$input" ] || { echo "missing input $input" >&2; exit 1; }
for out in "${outputs[@]}"; do
  printf '{"source": "preprocess", "input": "%s", "data": %s}\n' "$input" "$(cat "$input")" > "$out"
done
echo "preprocess wrote ${outputs[*]}"
