#!/usr/bin/env bash
# ./neuroframe bench [--quick] [--out DIR] [--include REGEX]
# ./neuroframe bench --latency [--seconds S] [--warmup S] [--rounds N] [--label NAME] [--out DIR]
# ./neuroframe bench --profile [--preset P] [--weights FILE] [--int8 [--data DIR --codec FILE]] [--runs N] [--warmup N] [--threads T] [--out DIR]
# ./neuroframe bench --compare --data DIR --codec FILE [--frames N] [--rounds R] [--calls C] [--threads T] DECODER.onnx...
# Builds the perf module when needed, runs its JMH benchmarks (GC profiler on), prints a table
# with GFLOP/s against the machine's measured ceiling and same-run ratios, and writes the results
# as JSON under perf/results/<date>-<quick|full>.json. With --latency it measures motion-to-photon
# of the encoder loopback in a real jME game instead (perf/results/<date>-latency-<label>.json).
# With --profile it runs one decoder under ONNX Runtime's profiler and prints its time per operator type;
# with --compare it compares decoder files' outputs on real latents and times them in interleaved rounds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

PERF_CLASSPATH_FILE="$ROOT/perf/target/classpath.txt"

nf_ensure_java_and_maven
if [ ! -f "$PERF_CLASSPATH_FILE" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' \) -type f -newer "$PERF_CLASSPATH_FILE" -print -quit)" ]; then
  nf_say "building the perf module and what it needs (mvn package, tests not compiled)"
  (cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never -pl perf -am package -Dmaven.test.skip=true) 2>&1 | nf_plain >&2
fi

out_given=false
for arg in "$@"; do [ "$arg" = "--out" ] && out_given=true; done
extra=()
case "${1:-}" in --profile|--compare) out_given=true ;; esac  # these choose their own output
$out_given || extra=(--out "$ROOT/perf/results")

# Run from a private copy of this project's classes and jars: a build started elsewhere in the
# working tree while the benchmarks run (minutes) would otherwise replace them under the forked JVMs.
RUN_DIR="$(mktemp -d)"
trap 'rm -rf "$RUN_DIR"' EXIT
cp -r "$ROOT/perf/target/classes" "$RUN_DIR/perf-classes"
classpath="$RUN_DIR/perf-classes"
IFS=: read -ra entries < "$PERF_CLASSPATH_FILE" || true  # the file has no final newline
for entry in "${entries[@]}"; do
  if [[ "$entry" == "$ROOT"/* ]]; then
    cp "$entry" "$RUN_DIR/"
    entry="$RUN_DIR/$(basename "$entry")"
  fi
  classpath="$classpath:$entry"
done

nf_say "running benchmarks: $*"
cd "$ROOT"
# Forked benchmark JVMs get their classpath from a manifest-only jar, keeping their command lines short.
export NF_JAVA_OPTS="${NF_JAVA_OPTS:-} -Djmh.separateClasspathJAR=true"
if [ -n "${DISPLAY:-}" ]; then
  CLASSPATH="$classpath" nf_java io.neuroframe.perf.bench.BenchCommand "$@" "${extra[@]}"
else
  # The texture upload benchmark needs an OpenGL context: without a display, a virtual one.
  nf_ensure_virtual_display_packages
  CLASSPATH="$classpath" xvfb-run -a -s "$NF_XVFB_SCREEN" bash -c \
    "$(declare -f nf_java); ROOT='$ROOT'; nf_java io.neuroframe.perf.bench.BenchCommand \"\$@\"" nf "$@" "${extra[@]}"
fi
