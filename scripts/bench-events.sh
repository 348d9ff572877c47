#!/usr/bin/env bash
# Medians of the security-event path (render, excerpt, flood control). Offline; prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o test-compile -pl core
./mvnw -B -q -o dependency:build-classpath -pl core -Dmdep.outputFile="$PWD/core/target/bench.classpath" >/dev/null
java -cp "core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)" dev.warden.event.EventsBenchmark
