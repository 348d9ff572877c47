#!/usr/bin/env bash
# First inspection after priming versus a warm one, in fresh JVMs (RUNS each): "init" is an
# on-demand init (no priming), "snapstart" also runs the SnapStart hook's priming (what happens
# before a snapshot). Reports medians over the runs of the first call and of the warm median, with the
# default JIT and with -XX:TieredStopAtLevel=1 (C1 only, common on Lambda).
#
#   ./mvnw -B -Pbench -pl benchmarks -am package -DskipTests
#   bench/first-call.sh            # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
RUNS=${RUNS:-5}
JAVA=${JAVA:-java}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -Pbench -pl benchmarks -am package -DskipTests" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

machine
echo "jvm: $("$JAVA" -version 2>&1 | head -1), runs=$RUNS"
for jit in default c1; do
  opts=""
  [ "$jit" = c1 ] && opts="-XX:TieredStopAtLevel=1"
  for mode in init snapstart; do
    f="$tmp/$jit-$mode"
    for i in $(seq 1 "$RUNS"); do
      # shellcheck disable=SC2086
      "$JAVA" $opts -Xmx512m -cp "$JAR" dev.warden.bench.FirstCall "$mode" 2>/dev/null >> "$f"
    done
    printf 'jit=%-7s mode=%-9s priming_ms=%s first_us=%s second_us=%s warm_after_pause_us=%s warm_median_us=%s first_over_warm=%s\n' \
      "$jit" "$mode" "$(field priming_ms < "$f" | median)" "$(field first_us < "$f" | median)" \
      "$(field second_us < "$f" | median)" "$(field warm_after_pause_us < "$f" | median)" \
      "$(field warm_median_us < "$f" | median)" "$(field first_over_warm < "$f" | median)"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
