#!/usr/bin/env bash
# Benchmark of the contact API: starts a server (prod profile, embedded PostgreSQL, fresh data dir), creates a
# partner, a key for 127.0.0.1 and a journey, then posts messages over HTTPS keep-alive for DURATION seconds
# (default 30) with THREADS keep-alive client connections (default 32). Prints req/s, p50/p99 and the count of 2xx
# answers beside the count of stored messages (they must be equal).
#   ./mvnw -q package -DskipTests && scripts/bench-contact.sh [DURATION] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
THREADS=${2:-32}
DATA=$(mktemp -d /tmp/rdex-contact-bench-XXXX)
HTTPS_PORT=${BENCH_HTTPS_PORT:-18443}
MGMT_PORT=${BENCH_MGMT_PORT:-19000}
export RDEX_DATA_DIR=$DATA RDEX_PLATFORM_TOKEN=bench-platform RDEX_ADMIN_TOKEN=bench-admin
export QUARKUS_HTTP_SSL_PORT=$HTTPS_PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_HTTP_HOST=127.0.0.1
# The benchmark measures the contact API itself: no per-key limit, no relay competing for the CPU.
export RDEX_CONTACT_RATE_LIMIT_PER_SECOND=1000000 RDEX_CONTACT_RATE_LIMIT_BURST=1000000 RDEX_RELAY_ENABLED=false
export QUARKUS_LOG_CONSOLE_LEVEL=WARN
java ${BENCH_SERVER_OPTS:--Xmx1g} -jar target/quarkus-app/quarkus-run.jar serve > "$DATA/server.log" 2>&1 &
SERVER=$!
# Server stopped and its data dir removed at the end unless KEEP=1.
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/live" >/dev/null 2>&1 && break
  sleep 0.5
done
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
  -c "insert into partner (name, operator, sites) values ('bench', 'bench-operator', '{bench.example.net}')"
# Experiments only (for example BENCH_SQL="alter system set synchronous_commit = off; select pg_reload_conf()").
[ -n "${BENCH_SQL:-}" ] && psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "$BENCH_SQL"
KEY=$(curl -sf -H "Authorization: Bearer bench-admin" -H 'Content-Type: application/json' \
  -d '{"partner":"bench","ips":["127.0.0.1","::1"]}' "http://127.0.0.1:$MGMT_PORT/admin/keys" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
UUID=$(curl -sfk -X PUT -H "Authorization: Bearer bench-platform" -H 'Content-Type: application/json' \
  --data-binary @- "https://127.0.0.1:$HTTPS_PORT/api/v1/journeys/bench-1" <<'JSON' | python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])'
{"from": {"city": "Marseille", "insee": "13055", "lat": 43.2965, "lon": 5.3698, "country": "France"},
 "to": {"city": "Aix-en-Provence", "insee": "13001", "lat": 43.5297, "lon": 5.4474},
 "role": "driver", "frequency": "punctual", "distanceKm": 31.5, "durationMinutes": 35, "pseudonym": "alice",
 "url": "https://covoiturage.example.org/trajets/1", "seats": 3,
 "punctual": {"date": "2099-03-01", "minTime": "08:00", "maxTime": "08:30"},
 "owner": {"ref": "user-1", "email": "alice@example.org"}}
JSON
)
BEFORE=$(curl -sf -H "Authorization: Bearer bench-admin" "http://127.0.0.1:$MGMT_PORT/admin/messages/stats" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
# Server and embedded PostgreSQL CPU time around the run: a cost per message that the machine's other load
# does not distort (projected capacity = cores * 1000 / ms per message).
CPU_BEFORE=$(python3 scripts/cpu-ticks.py "$SERVER" "$DATA/postgres/postmaster.pid")
# A Vert.x client: light on CPU, which it shares with the server.
OUT=$(java ${BENCH_CLIENT_OPTS:--Xmx512m} -cp "target/quarkus-app/lib/main/*" scripts/ContactLoadVertx.java \
  "https://127.0.0.1:$HTTPS_PORT/rdex/contact" "$KEY" "$UUID" "$DURATION" "$THREADS" 5 2>/dev/null)
echo "$OUT"
CPU_AFTER=$(python3 scripts/cpu-ticks.py "$SERVER" "$DATA/postgres/postmaster.pid")
AFTER=$(curl -sf -H "Authorization: Bearer bench-admin" "http://127.0.0.1:$MGMT_PORT/admin/messages/stats" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
WARM=$(echo "$OUT" | sed -n 's/^warmup: requests=\([0-9]*\) statuses={\(.*\)} .*/\2/p' | tr ',' '\n' | sed -n 's/^ *2[0-9][0-9]=\([0-9]*\)/\1/p' | paste -sd+ - | bc)
OK=$(echo "$OUT" | sed -n 's/^ok_2xx=\([0-9]*\).*/\1/p')
STORED=$((AFTER - BEFORE))
echo "2xx_total=$(( ${WARM:-0} + OK )) stored_total=$STORED (warm-up included)"
python3 - "$CPU_BEFORE" "$CPU_AFTER" "$STORED" <<'PY'
import sys
(jvm0, db0), (jvm1, db1) = (map(int, a.split()) for a in sys.argv[1:3])
n = max(1, int(sys.argv[3]))
jvm, db = (jvm1 - jvm0) / n, (db1 - db0) / n
print('server_and_db_cpu_ms_per_message=%.3f (server %.3f, postgresql %.3f) projected_msgs_per_s_on_2_cores=%.0f'
      % (jvm + db, jvm, db, 2000 / (jvm + db) if jvm + db else 0))
PY
if [ "$(( ${WARM:-0} + OK ))" -ne "$STORED" ]; then echo "MISMATCH between 2xx answers and stored messages"; exit 1; fi
