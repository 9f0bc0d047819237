#!/usr/bin/env bash
# Import benchmark (see docs/benchmarks.md). Usage: bench/import.sh [JOURNEYS] (default 200000)
source "$(dirname "$0")/lib.sh"
java ${JAVA_OPTS:-} -Xmx"$HEAP" -jar "$JAR" bench import --journeys "${1:-200000}"
