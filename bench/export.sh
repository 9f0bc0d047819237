#!/usr/bin/env bash
# Export benchmark: generates COUNT journeys (default 200000), then times the export against gzip -6 on
# the same bytes and reports peak heap. Usage: bench/export.sh [COUNT]
source "$(dirname "$0")/lib.sh"
java -jar "$JAR" journeys generate --count "${1:-200000}" --seed 1
# A fixed young generation keeps "peak heap used" comparable between runs of different sizes.
java ${JAVA_OPTS:-} -Xmx"$HEAP" -Xmn96m -jar "$JAR" bench export
