#!/usr/bin/env bash
# Cold start with and without Warden: RUNS fresh JVMs of each (interleaved), each deserializing
# a REST API event, building the handler and invoking it once. Reports medians of the whole
# process (wall clock, from outside) and of the in-process init and first-call times, and the
# difference Warden makes. Then the heap Warden retains after init (median of 5 runs).
#
#   ./mvnw -B -Pbench -pl benchmarks -am package -DskipTests
#   bench/cold-start.sh                      # RUNS=20 by default
#   JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/cold-start.sh
#   POSTURE=1 bench/cold-start.sh           # also as in a Lambda environment, posture check on
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
RUNS=${RUNS:-20}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Pbench -pl benchmarks -am package -DskipTests" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh

machine
echo "jvm: $("$JAVA" -version 2>&1 | head -1), JAVA_OPTS='$JAVA_OPTS', runs=$RUNS"
for i in $(seq 1 "$RUNS"); do
  for mode in plain warden; do
    s=$(date +%s%N)
    # shellcheck disable=SC2086
    line=$("$JAVA" $JAVA_OPTS -cp "$JAR" dev.warden.bench.ColdStart "$mode" 2>/dev/null)
    e=$(date +%s%N)
    echo "$(( (e - s) / 1000000 ))" >> "$tmp/$mode.wall"
    echo "$line" | field init_us >> "$tmp/$mode.init"
    echo "$line" | field first_call_us >> "$tmp/$mode.first"
    echo "$line" | field init_cpu_us >> "$tmp/$mode.icpu"
    echo "$line" | field first_call_cpu_us >> "$tmp/$mode.fcpu"
  done
done
for mode in plain warden; do
  printf '%-7s process_ms=%s init_us=%s first_call_us=%s init_cpu_us=%s first_call_cpu_us=%s\n' "$mode" \
    "$(median < "$tmp/$mode.wall")" "$(median < "$tmp/$mode.init")" "$(median < "$tmp/$mode.first")" \
    "$(median < "$tmp/$mode.icpu")" "$(median < "$tmp/$mode.fcpu")"
done
pw=$(median < "$tmp/plain.wall"); ww=$(median < "$tmp/warden.wall")
pi=$(median < "$tmp/plain.init"); wi=$(median < "$tmp/warden.init")
pf=$(median < "$tmp/plain.first"); wf=$(median < "$tmp/warden.first")
pic=$(median < "$tmp/plain.icpu"); wic=$(median < "$tmp/warden.icpu")
pfc=$(median < "$tmp/plain.fcpu"); wfc=$(median < "$tmp/warden.fcpu")
awk -v pw="$pw" -v ww="$ww" -v pi="$pi" -v wi="$wi" -v pf="$pf" -v wf="$wf" \
    -v pic="$pic" -v wic="$wic" -v pfc="$pfc" -v wfc="$wfc" 'BEGIN {
  printf "warden adds: process %.0f ms (median of process times), init+first call %.1f ms wall, %.1f ms CPU of the main thread (in-process medians)\n",
    ww - pw, ((wi + wf) - (pi + pf)) / 1000, ((wic + wfc) - (pic + pfc)) / 1000 }'
if [ "${POSTURE:-0}" = 1 ]; then
  # As in a Lambda environment: the posture check runs on its own thread from init on.
  for i in $(seq 1 "$RUNS"); do
    s=$(date +%s%N)
    # shellcheck disable=SC2086
    line=$("$JAVA" $JAVA_OPTS -cp "$JAR" dev.warden.bench.ColdStart warden-posture 2>/dev/null)
    e=$(date +%s%N)
    echo "$(( (e - s) / 1000000 ))" >> "$tmp/posture.wall"
    echo "$line" | field init_us >> "$tmp/posture.init"
    echo "$line" | field first_call_us >> "$tmp/posture.first"
  done
  printf 'warden with the posture check (Lambda environment): process_ms=%s init_us=%s first_call_us=%s\n' \
    "$(median < "$tmp/posture.wall")" "$(median < "$tmp/posture.init")" "$(median < "$tmp/posture.first")"
fi
for i in 1 2 3 4 5; do
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -cp "$JAR" dev.warden.bench.ColdStart memory 2>/dev/null | field warden_retained_kb >> "$tmp/mem"
done
echo "heap retained by warden after init (MemoryMXBean after System.gc(), median of 5): $(median < "$tmp/mem") KB"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
