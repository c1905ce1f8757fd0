#!/usr/bin/env bash
# Diamond example, final step: joins its inputs.
# Usage: postprocess.sh -i IN [-i IN ...] -o OUT
set -euo pipefail
inputs=(); output=""
while [ $# -gt 0 ]; do
  case "$1" in
    -i) inputs+=("$2"); shift 2 ;;
    -o) output="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
list=""
for f in "${inputs[@]}"; do
  [ -f "$f" ] || { echo "missing input $f" >&2; exit 1; }
  list="${list:+$list, }\"$f\""
done
printf '{"source": "postprocess", "inputs": [%s]}\n' "$list" > "$output"
echo "postprocess wrote $output"
