#!/usr/bin/env bash
# Every measurement in docs/PERFORMANCE.md, in one go, into OUT (default bench/results/).
# Each table in the document comes from one of these runs; the load average is logged before and
# after each.
#
#   ./mvnw -B -Pbench -pl benchmarks -am package -DskipTests
#   bench/run-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-bench/results}
JAVA=${JAVA:-java}
mkdir -p "$OUT"
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S)"; }
{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), nproc $(nproc)"
  "$JAVA" -version 2>&1 | head -2
} > "$OUT/machine.txt"

load > "$OUT/inspection.txt"
"$JAVA" -jar "$JAR" InspectionBenchmark -wi 3 -w 1 -i 5 -r 1 -f 3 -prof gc \
  -rf json -rff "$OUT/inspection.json" >> "$OUT/inspection.txt" 2>&1
load >> "$OUT/inspection.txt"

load > "$OUT/paired.txt"
"$JAVA" -cp "$JAR" dev.warden.bench.Paired 200 >> "$OUT/paired.txt" 2>/dev/null
load >> "$OUT/paired.txt"

load > "$OUT/inspection-c1.txt"
"$JAVA" -jar "$JAR" InspectionBenchmark -p event=REST_2K -wi 3 -w 1 -i 5 -r 1 -f 1 \
  -jvmArgsAppend -XX:TieredStopAtLevel=1 -rf json -rff "$OUT/inspection-c1.json" >> "$OUT/inspection-c1.txt" 2>&1
load >> "$OUT/inspection-c1.txt"

# Before/after: BEFORE_JAR is this benchmarks module built against the code before optimisation
# (git worktree add /tmp/before 8888a7f, copy benchmarks/ and the bench profile in, build).
if [ -n "${BEFORE_JAR:-}" ]; then
  load > "$OUT/before.txt"
  "$JAVA" -jar "$BEFORE_JAR" InspectionBenchmark -p event=REST_2K -wi 3 -w 1 -i 5 -r 1 -f 1 -prof gc \
    -rf json -rff "$OUT/before.json" >> "$OUT/before.txt" 2>&1
  load >> "$OUT/before.txt"
fi

load > "$OUT/adversarial.txt"
"$JAVA" -jar "$JAR" 'AdversarialBenchmark.warden' -p chars=1048576 -wi 1 -w 1 -i 2 -r 1 -f 1 \
  -rf json -rff "$OUT/adversarial-warden.json" >> "$OUT/adversarial.txt" 2>&1
"$JAVA" -jar "$JAR" 'AdversarialBenchmark.engineUnbounded' -wi 1 -w 1 -i 2 -r 1 -f 1 \
  -rf json -rff "$OUT/adversarial-engine.json" >> "$OUT/adversarial.txt" 2>&1
load >> "$OUT/adversarial.txt"

POSTURE=1 bench/cold-start.sh > "$OUT/cold-start.txt" 2>&1
"$JAVA" -XX:ArchiveClassesAtExit="$OUT/cold-start.jsa" -cp "$JAR" dev.warden.bench.ColdStart warden > /dev/null 2>&1
JAVA_OPTS="-XX:SharedArchiveFile=$OUT/cold-start.jsa" RUNS=${RUNS_CDS:-10} bench/cold-start.sh \
  > "$OUT/cold-start-cds.txt" 2>&1
JAVA_OPTS="-XX:TieredStopAtLevel=1" RUNS=${RUNS_C1:-10} bench/cold-start.sh > "$OUT/cold-start-c1.txt" 2>&1
RUNS=${RUNS_FIRST:-3} bench/first-call.sh > "$OUT/first-call.txt" 2>&1
echo "results in $OUT"
