# Shared by the bench/*.sh scripts: builds the jar if needed and gives each run a throw-away data
# directory (so a throw-away embedded PostgreSQL), stopped and removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${HEAP:-512m}
# Benchmarks never touch the operator's database: refuse a configured one (BENCH_I_KNOW=1 overrides).
if [ "${BENCH_I_KNOW:-}" != 1 ] && { [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] \
        || grep -qE '^[[:space:]]*quarkus\.datasource\.jdbc\.url' config/application.properties 2>/dev/null; }; then
    echo "bench: a database is configured (QUARKUS_DATASOURCE_JDBC_URL or config/application.properties);" \
        "benchmarks write and delete journeys, so they run only on a throw-away embedded PostgreSQL." >&2
    exit 2
fi
# The benchmark classes (src/bench/java) are built with -Pbench into target/bench, apart from the product.
JAR=target/bench/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B -Pbench package -DskipTests
export RDEX_DATA_DIR
RDEX_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rdex-bench-XXXXXX")
bench_cleanup() {
    # The first JVM started the embedded PostgreSQL and left it to the next ones; stop it now.
    pid_file="$RDEX_DATA_DIR/postgres/postmaster.pid"
    [ -f "$pid_file" ] && kill "$(head -1 "$pid_file")" 2>/dev/null || true
    rm -rf "$RDEX_DATA_DIR"
}
trap bench_cleanup EXIT
