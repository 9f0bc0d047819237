# Shared by the fault scripts: one server of the packaged jar with its embedded PostgreSQL in a scratch
# directory, a local webhook receiver, and the verdict. Sourced, not run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "package the server first: ./mvnw -B package -DskipTests"; exit 2; }
NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "/tmp/rdex-chaos-$NAME-XXXX")
# Below Linux's ephemeral range (32768-60999): an outgoing connection of an earlier script, the database
# or the load generator can hold a port in that range, and a listener then fails to bind it.
HTTPS=${CHAOS_HTTPS_PORT:-28443}
HTTP=${CHAOS_HTTP_PORT:-28080}
MGMT=${CHAOS_MGMT_PORT:-29300}
HOOK=${CHAOS_HOOK_PORT:-29380}
SERVER=
HOOK_PID=
PROBLEMS=()
START=$(date +%s)

for port in $HTTPS $HTTP $MGMT $HOOK; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is already in use"; exit 2; fi
done

server_env() {
  echo "RDEX_DATA_DIR=$WORK/data QUARKUS_HTTP_PORT=$HTTP QUARKUS_HTTP_SSL_PORT=$HTTPS QUARKUS_MANAGEMENT_PORT=$MGMT"
  echo "RDEX_PLATFORM_TOKEN=platform RDEX_ADMIN_TOKEN=admin RDEX_EXPORT_CRON=off RDEX_IMPORT_CRON=off"
  echo "RDEX_RELAY_WEBHOOK_URL=http://127.0.0.1:$HOOK/hook RDEX_RELAY_WEBHOOK_SECRET=chaos-secret"
  echo "RDEX_CONTACT_RATE_LIMIT_PER_SECOND=100000 RDEX_CONTACT_RATE_LIMIT_BURST=100000 RDEX_INSTANCE_STALE_AFTER=PT4S"
  echo "${EXTRA_ENV:-}"
}

# Starts the server in the background ($SERVER is its pid) and waits until it is ready.
start_server() {
  (exec env $(server_env) java -Xmx512m -jar "$JAR" serve) >> "$WORK/server.log" 2>&1 &
  SERVER=$!
  wait_ready 180 || { problem "server did not become ready"; finish; }
}

wait_ready() { # seconds
  local limit=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$limit" ]; do
    curl -sf "http://127.0.0.1:$MGMT/q/health/ready" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# A command of the jar beside the running server (it connects to the server's PostgreSQL).
cli() { env $(server_env) java -Xmx512m -jar "$JAR" "$@" 2>> "$WORK/cli.log"; }
# The same in the background, run in full in its own JVM (not as a job of the running server), so that the
# fault scripts kill the export or import itself; $! is the JVM, so that kill -9 $! kills it, not a shell.
cli_bg() { (exec env RDEX_CLI_THIN=false $(server_env) java -Xmx512m -jar "$JAR" "$@" > /dev/null 2>> "$WORK/cli.log") & }

admin() { # method path [json]
  curl -s -X "$1" -H 'Authorization: Bearer admin' -H 'Content-Type: application/json' \
    "http://127.0.0.1:$MGMT$2" ${3:+--data-binary "$3"}
}

postmaster_pid() { head -1 "$WORK/data/postgres/postmaster.pid" 2>/dev/null; }

# Webhook receiver: one line "idempotency-key sha256-of-body" per delivery; answers after $1 ms.
start_hook() {
  python3 - "$HOOK" "$WORK/hook.tsv" "${1:-0}" 2> "$WORK/hook.log" <<'PY' &
import hashlib, http.server, socketserver, sys, threading, time
port, out, delay = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) / 1000
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        time.sleep(delay)
        with lock, open(out, 'a') as f:
            f.write(self.headers.get('Idempotency-Key', '-') + ' ' + hashlib.sha256(body).hexdigest() + '\n')
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer): daemon_threads = True
S(('127.0.0.1', port), H).serve_forever()
PY
  HOOK_PID=$!
  touch "$WORK/hook.tsv"
  # A receiver that is not listening would turn every delivery into a retry and the verdict into a wrong FAIL.
  local limit=$(( $(date +%s) + 20 ))
  until (exec 3<>"/dev/tcp/127.0.0.1/$HOOK") 2>/dev/null; do
    if ! kill -0 "$HOOK_PID" 2>/dev/null || [ "$(date +%s)" -ge "$limit" ]; then
      problem "webhook receiver did not listen on port $HOOK (see $WORK/hook.log)"; finish
    fi
    sleep 0.2
  done
}

# A partner allowed from loopback, its key, and one of our journeys: "KEY JOURNEY_UUID".
contact_setup() {
  admin POST /admin/partners '{"name":"chaos","operator":"ChaosCo","sites":["chaos.example"]}' > /dev/null
  local key uuid
  key=$(admin POST /admin/keys '{"partner":"chaos","ips":["127.0.0.1"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
  uuid=$(curl -sk -X PUT -H 'Authorization: Bearer platform' -H 'Content-Type: application/json' \
    "https://127.0.0.1:$HTTPS/api/v1/journeys/chaos-1" --data-binary @- <<'JSON' | python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])'
{"from": {"city": "Lyon", "insee": "69123", "lat": 45.76, "lon": 4.83}, "to": {"city": "Vienne", "insee": "38544", "lat": 45.52, "lon": 4.87},
 "role": "driver", "frequency": "punctual", "distanceKm": 31.5, "durationMinutes": 35, "pseudonym": "chaos",
 "url": "https://chaos.example/j/1", "punctual": {"date": "2099-03-01", "minTime": "08:00", "maxTime": "08:30"},
 "owner": {"ref": "u1", "email": "owner@example.org"}}
JSON
)
  echo "$key $uuid"
}

# Checks the hook got every stored message ($1 = how many were answered 201), each key with one body.
check_delivered() { # expected timeout-seconds
  local limit=$(( $(date +%s) + $2 )) got
  while :; do
    got=$(cut -d' ' -f1 "$WORK/hook.tsv" | sort -u | wc -l)
    [ "$got" -ge "$1" ] && break
    [ "$(date +%s)" -ge "$limit" ] && { problem "$got of $1 messages delivered"; return; }
    sleep 1
  done
  local bodies twice
  bodies=$(sort -u "$WORK/hook.tsv" | cut -d' ' -f1 | uniq -d | wc -l)
  twice=$(( $(wc -l < "$WORK/hook.tsv") - got ))
  [ "$bodies" -eq 0 ] || problem "$bodies idempotency keys delivered with two different bodies"
  echo "delivered: $got messages, $twice repeated deliveries (same key, same body)"
}

# The published file: prints "etag sha256-of-bytes http-status".
file_state() {
  curl -sk -D "$WORK/headers" -o "$WORK/file.gz" -w '%{http_code}' "https://127.0.0.1:$HTTPS/rdex/journeys.xml.gz" > "$WORK/status"
  local etag sha
  etag=$(grep -i '^etag:' "$WORK/headers" | tr -d '\r"' | awk '{print $2}')
  sha=$(sha256sum "$WORK/file.gz" | awk '{print $1}')
  echo "$etag $sha $(cat "$WORK/status")"
}

problem() { PROBLEMS+=("$*"); echo "PROBLEM: $*"; }

finish() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  [ -n "$HOOK_PID" ] && kill "$HOOK_PID" 2>/dev/null
  local pm; pm=$(postmaster_pid)
  if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
    sleep 3
    kill -0 "$pm" 2>/dev/null && { problem "PostgreSQL $pm still runs after the server's clean shutdown"; kill -9 "$pm"; }
  fi
  # A script's own clean-up once the server is gone (disk-full.sh unmounts its filesystem).
  [ -n "${ON_FINISH:-}" ] && eval "$ON_FINISH"
  local took=$(( $(date +%s) - START ))
  if [ ${#PROBLEMS[@]} -eq 0 ]; then
    echo "VERDICT $NAME: PASS (${took}s, $(date -u +%FT%TZ), $(hostname), $(nproc) cores)"
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
    exit 0
  fi
  echo "VERDICT $NAME: FAIL (${took}s): ${PROBLEMS[*]}; logs in $WORK"
  exit 1
}
trap 'problem "interrupted"; finish' INT TERM
# Every script is bounded: past CHAOS_LIMIT seconds it stops, and says FAIL.
CHAOS_LIMIT=${CHAOS_LIMIT:-900}
( sleep "$CHAOS_LIMIT"; kill -TERM $$ 2>/dev/null ) &
WATCHDOG=$!
trap 'kill $WATCHDOG 2>/dev/null' EXIT

# One value from the server's PostgreSQL (the port is in postmaster.pid).
sql() {
  local port jar
  port=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
  jar=$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -1)
  java -cp "$jar" scripts/chaos/Sql.java "$port" "$1"
}

wait_file() { # seconds: until the file is published
  local limit=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$limit" ]; do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS/rdex/journeys.xml.gz")" = 200 ] && return 0
    sleep 1
  done
  return 1
}
