# Shared by the bench/*.sh scripts: builds the jar if needed and gives each run a throw-away data
# directory (so a throw-away embedded PostgreSQL), stopped and removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${HEAP:-512m}
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
export RDEX_DATA_DIR
RDEX_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdex-bench-XXXXXX")
bench_cleanup() {
    # The first JVM started the embedded PostgreSQL and left it to the next ones; stop it now.
    pid_file="$RDEX_DATA_DIR/postgres/postmaster.pid"
    [ -f "$pid_file" ] && kill "$(head -1 "$pid_file")" 2>/dev/null || true
    rm -rf "$RDEX_DATA_DIR"
}
trap bench_cleanup EXIT
