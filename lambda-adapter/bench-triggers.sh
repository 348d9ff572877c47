#!/usr/bin/env bash
# Median and p90 inspection time per trigger fixture (typed and raw-bytes paths), marker detector
# only: Warden's extraction and decision overhead. Usage: lambda-adapter/bench-triggers.sh [warmup] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q install -DskipTests -pl core,lambda-adapter
./mvnw -B -o -q test-compile -pl lambda-adapter
cp=$(./mvnw -B -o -q -pl lambda-adapter dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "lambda-adapter/target/test-classes:lambda-adapter/target/classes:$cp" dev.warden.lambda.TriggerBench "$@"
