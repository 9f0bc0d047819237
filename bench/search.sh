#!/usr/bin/env bash
# Search benchmark (see docs/benchmarks.md). Usage: bench/search.sh [JOURNEYS] (default 1000000)
source "$(dirname "$0")/lib.sh"
java -Xmx"$HEAP" -jar "$JAR" bench search --journeys "${1:-1000000}" --queries "${QUERIES:-2000}"
