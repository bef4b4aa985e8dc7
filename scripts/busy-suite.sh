#!/usr/bin/env bash
# Runs the whole suite three times, each from a fresh clone of HEAD, while two busy processes
# (sha256sum /dev/zero) compete for the cores; prints one line per run.
#   scripts/busy-suite.sh [RUNS]
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-3}
sha256sum /dev/zero & busy1=$!
sha256sum /dev/zero & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null' EXIT
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  git clone -q "$ROOT" "$dir/neuroframe"
  log="$dir/test.log"
  start=$(date +%s)
  (cd "$dir/neuroframe" && ./neuroframe test > "$log" 2>&1)
  rc=$?
  counts=$(grep -E 'Tests run: [0-9]+, Fail' "$log" | grep -v ' -- in' \
    | awk '{t+=$4; f+=$6; e+=$8; s+=$10} END {print t" tests, "f" failures, "e" errors, "s" skipped"}')
  echo "run $i of $(git -C "$ROOT" rev-parse --short HEAD): exit $rc in $(( $(date +%s) - start )) s; $counts; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [ "$rc" -eq 0 ] && rm -rf "$dir" || echo "  log kept: $log"
done
