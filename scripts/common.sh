#!/usr/bin/env bash
# Shared helpers for the neuroframe launcher and the scripts beside it.
# Everything the project needs on a machine is installed here, never by hand.

NF_XVFB_SCREEN="-screen 0 1280x720x24"
NF_GL_PACKAGES=(xvfb xauth libgl1-mesa-dri libglx-mesa0)
NF_CLASSPATH_FILE="$ROOT/demo-world/target/classpath.txt"
NF_CLI_MAIN="io.neuroframe.demo.cli.NeuroFrameCommand"

nf_say() { printf 'neuroframe: %s\n' "$*" >&2; }

# Maven 3.8 writes colour reset codes even with -B and -Dstyle.color=never: strip them from its output.
nf_plain() { sed -u 's/\x1b\[[0-9;]*m//g'; }

# Mesa and GLFW complain on every run when XDG_RUNTIME_DIR is unset or not a private folder of this user.
nf_ensure_runtime_dir() {
  if [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ] && [ -O "$XDG_RUNTIME_DIR" ] \
      && [ "$(stat -c %a "$XDG_RUNTIME_DIR")" = 700 ]; then
    return
  fi
  XDG_RUNTIME_DIR="${TMPDIR:-/tmp}/neuroframe-runtime-$(id -u)"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  export XDG_RUNTIME_DIR
}

nf_apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    nf_say "missing packages: $*"
    nf_say "install them with: sudo apt-get install -y --no-install-recommends $*"
    exit 1
  fi
  nf_say "installing $* (apt-get)"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}

nf_ensure_java_and_maven() {
  local missing=()
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  if [ ${#missing[@]} -gt 0 ]; then nf_apt_install "${missing[@]}"; fi
}

nf_ensure_virtual_display_packages() {
  local missing=() pkg
  for pkg in "${NF_GL_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then nf_apt_install "${missing[@]}"; fi
}

# Builds the reactor when the command line's classpath is missing or any source is newer than it.
nf_ensure_built() {
  if [ -f "$NF_CLASSPATH_FILE" ] && [ -z "$(find "$ROOT" \( -path "$ROOT/.git" -o -name target -o -path "$ROOT/data" \) -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f \
        -newer "$NF_CLASSPATH_FILE" -print -quit)" ]; then
    return
  fi
  nf_say "building (first use or sources changed): mvn package -DskipTests"
  (cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests) 2>&1 | nf_plain >&2
  touch "$NF_CLASSPATH_FILE"  # Maven leaves an unchanged classpath file as it was
}

# The classpath travels in the CLASSPATH variable to keep the process list readable (the library itself
# copes with any command line: see OrtRuntime).
# glibc maps every native allocation above 32 MB afresh and faults its pages in one by one; with the hugetlb
# tunable it asks for transparent huge pages instead, which made an Adam step over the fully trainable
# reservoir's 11.8 M values 4.2 times faster (docs/training.md, "Large tensors"). Huge pages also make every
# 64 MB per-thread malloc arena fully resident, and a JVM with PyTorch and ONNX Runtime threads opens about a
# hundred of them: with two arenas an adapter experiment's native memory stayed at 1.4 GB where it had grown to
# 6.5 GB (docs/training.md). A user's own
# GLIBC_TUNABLES come last and win. Other C libraries ignore both.
nf_java() {
  local djl_cache="$ROOT/target/djl-cache"
  mkdir -p "$djl_cache"
  GLIBC_TUNABLES="glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2${GLIBC_TUNABLES:+:$GLIBC_TUNABLES}" DJL_CACHE_DIR="$djl_cache" java -XX:+UseG1GC -Xss4m ${NF_JAVA_OPTS:-} \
    -Dai.djl.offline=true -DDJL_CACHE_DIR="$djl_cache" \
    -Dneuroframe.home="$ROOT" "$@"
}

# Whether the command line's arguments run something that renders with OpenGL (demo and dataset, not their help).
nf_needs_gl() {
  case "${1:-}" in demo|dataset|games-dataset) ;; *) return 1 ;; esac
  local arg
  for arg in "$@"; do
    case "$arg" in -h|--help|-V|--version) return 1 ;; esac
  done
}

# Runs the Java command line; a demo or a dataset (voxel or games) without a display runs under a virtual one, the demo headless.
nf_run_cli() {
  local cp="$ROOT/demo-world/target/classes:$(cat "$NF_CLASSPATH_FILE")"
  nf_ensure_runtime_dir
  if [ -n "${DISPLAY:-}" ] || ! nf_needs_gl "$@"; then
    CLASSPATH="$cp" nf_java "$NF_CLI_MAIN" "$@"
  else
    nf_ensure_virtual_display_packages
    [ "$1" = demo ] && nf_say "no display: running the demo headless under a virtual display"
    NF_JAVA_OPTS="${NF_JAVA_OPTS:-} -Dneuroframe.headless=true" \
      CLASSPATH="$cp" xvfb-run -a -s "$NF_XVFB_SCREEN" bash -c "$(declare -f nf_java); ROOT='$ROOT'; nf_java $NF_CLI_MAIN \"\$@\"" nf "$@"
  fi
}
