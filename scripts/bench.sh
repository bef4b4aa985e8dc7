#!/usr/bin/env bash
# ./neuroframe bench [--quick] [--out DIR] [--include REGEX]
# Builds the perf module when needed, runs its JMH benchmarks (GC profiler on), prints a table
# with GFLOP/s against the machine's measured ceiling and same-run ratios, and writes the results
# as JSON under perf/results/<date>-<quick|full>.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

PERF_CLASSPATH_FILE="$ROOT/perf/target/classpath.txt"

nf_ensure_java_and_maven
if [ ! -f "$PERF_CLASSPATH_FILE" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' \) -type f -newer "$PERF_CLASSPATH_FILE" -print -quit)" ]; then
  nf_say "building the perf module and what it needs (mvn package, tests not compiled)"
  (cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never -pl perf -am package -Dmaven.test.skip=true)
fi

out_given=false
for arg in "$@"; do [ "$arg" = "--out" ] && out_given=true; done
extra=()
$out_given || extra=(--out "$ROOT/perf/results")

nf_say "running benchmarks: $*"
cd "$ROOT"
nf_java -cp "$ROOT/perf/target/classes:$(cat "$PERF_CLASSPATH_FILE")" io.neuroframe.perf.bench.BenchCommand "$@" "${extra[@]}"
