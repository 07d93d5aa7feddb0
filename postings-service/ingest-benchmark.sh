#!/usr/bin/env bash
# NDJSON ingest benchmark (not a test): postings-service API -> Kafka vs a raw Kafka producer, same run.
# Starts an embedded KRaft broker, the MongoDB-wire server and the service in one JVM; prints both rates.
# Usage: postings-service/ingest-benchmark.sh [postings, default 20000]   (env DOORSTEP_BATCH_CHUNK_SIZE etc. apply)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -o -q -pl postings-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" \
    -cp "postings-service/target/test-classes:postings-service/target/classes:$(cat postings-service/target/bench.classpath)" \
    org.doorstep.postings.bench.NdjsonIngestBenchmark "${1:-20000}"
