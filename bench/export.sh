#!/usr/bin/env bash
# Export benchmark: generates COUNT journeys (default 200000) in a throw-away embedded PostgreSQL, then
# times the export against gzip -6 on the same bytes and reports peak heap. Usage: bench/export.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-200000}
HEAP=${HEAP:-512m}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
export RDEX_DATA_DIR
RDEX_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdex-bench-XXXXXX")
cleanup() {
    # The generator's JVM started the embedded PostgreSQL; stop whatever is left on this data dir.
    pid_file="$RDEX_DATA_DIR/postgres/postmaster.pid"
    [ -f "$pid_file" ] && kill "$(head -1 "$pid_file")" 2>/dev/null || true
    rm -rf "$RDEX_DATA_DIR"
}
trap cleanup EXIT
java -jar target/quarkus-app/quarkus-run.jar journeys generate --count "$COUNT" --seed 1
# A fixed young generation keeps "peak heap used" comparable between runs of different sizes.
java -Xmx"$HEAP" -Xmn96m -jar target/quarkus-app/quarkus-run.jar bench export
