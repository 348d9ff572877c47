#!/usr/bin/env bash
# Median JVM start time (wall and CPU) added by warden-agent.jar.
#
# Starts a small main (writes one temp file, prints one line) RUNS times each: plain, with an
# empty -javaagent (the JVM's fixed cost of any agent) and with warden-agent.jar, interleaved so
# that machine drift hits all three alike, and prints the median wall times and differences.
# Build the jar first:
#   ./mvnw -B -o -q package -DskipTests -pl core,lambda-adapter -am
# Usage: bench/agent-startup.sh [RUNS]   (JAVA_HOME selects the JDK; default RUNS=20)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-20}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
agent="${WARDEN_AGENT_JAR:-$root/lambda-adapter/target/warden-agent.jar}"
[ -f "$agent" ] || { echo "no $agent: build it first (see the header of this script)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) throws Exception {
    // Touch a hooked path once, as a handler's init would.
    try (var out = new java.io.FileOutputStream(java.io.File.createTempFile("warden", ".tmp"))) {
      out.write(1);
    }
    System.out.println("hello");
  }
}
JAVA
cat > "$work/EmptyAgent.java" <<'JAVA'
public class EmptyAgent {
  public static void premain(String args, java.lang.instrument.Instrumentation inst) {}
}
JAVA
"$javac" -d "$work" "$work/Hello.java" "$work/EmptyAgent.java"
printf 'Premain-Class: EmptyAgent\n' > "$work/manifest"
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" cfm "$work/empty.jar" "$work/manifest" -C "$work" EmptyAgent.class

# One run: "wall_ms cpu_ms" (cpu = user + system time of the JVM, all its threads). CPU time
# is the steadier number on a shared machine, where wall time mostly measures the queue.
TIMEFORMAT='%3R %3U %3S'
run_ms() {
  { time "$@" > /dev/null 2>&1; } 2>&1 | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}

median() {
  sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Warm the page cache and CDS archive once on each side.
run_ms "$java" -cp "$work" Hello > /dev/null
run_ms "$java" -javaagent:"$agent" -cp "$work" Hello > /dev/null

: > "$work/plain"
: > "$work/empty"
: > "$work/agent"
for _ in $(seq "$runs"); do
  run_ms "$java" -cp "$work" Hello >> "$work/plain"
  run_ms "$java" -javaagent:"$work/empty.jar" -cp "$work" Hello >> "$work/empty"
  run_ms "$java" -javaagent:"$agent" -cp "$work" Hello >> "$work/agent"
done

"$java" -version 2>&1 | head -1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; runs=$runs"
for col in 1 2; do
  name=$([ "$col" = 1 ] && echo wall || echo cpu)
  plain=$(cut -d' ' -f"$col" "$work/plain" | median)
  empty=$(cut -d' ' -f"$col" "$work/empty" | median)
  with=$(cut -d' ' -f"$col" "$work/agent" | median)
  echo "median $name ms: plain=$plain empty_agent=$empty warden_agent=$with" \
    "added=$(awk -v a="$with" -v b="$plain" 'BEGIN { print a - b }')" \
    "(any -javaagent: $(awk -v a="$empty" -v b="$plain" 'BEGIN { print a - b }'))"
done
