#!/usr/bin/env bash
# search benchmark in a throw-away embedded PostgreSQL (see README, "Partner network").
# Usage: bench/search.sh [JOURNEYS]   (import: default 200000, search: default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${HEAP:-512m}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
export RDEX_DATA_DIR
RDEX_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdex-bench-XXXXXX")
cleanup() {
    pid_file="$RDEX_DATA_DIR/postgres/postmaster.pid"
    [ -f "$pid_file" ] && kill "$(head -1 "$pid_file")" 2>/dev/null || true
    rm -rf "$RDEX_DATA_DIR"
}
trap cleanup EXIT
java -Xmx"$HEAP" -jar target/quarkus-app/quarkus-run.jar bench search --journeys "${1:-1000000}" --queries "${QUERIES:-2000}"
