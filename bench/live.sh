#!/usr/bin/env bash
# Live-search benchmark (see docs/protocols.md and docs/benchmarks.md): two synthetic partners on loopback,
# RDEX 1.2 and standard-covoiturage, JOURNEYS journeys each (default 1000000), in the benchmark's own JVM.
# Usage: bench/live.sh [JOURNEYS]      (QUERIES=2000 by default)
source "$(dirname "$0")/lib.sh"
java -Xmx"$HEAP" -jar "$JAR" bench live --journeys "${1:-1000000}" --queries "${QUERIES:-2000}"
