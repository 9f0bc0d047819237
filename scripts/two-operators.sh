#!/usr/bin/env bash
# Two RDEX operators on one machine, end to end, over HTTPS on loopback:
#   A and B each publish a journey and export their file; each registers the other as a partner (pinning the
#   other's self-signed certificate) and imports the other's file; a search on A finds B's journey; A's
#   platform contacts it (POST /api/v1/contact) with the key B issued to A; B stores the message and its relay
#   delivers it to B's platform webhook (a small local receiver); a key B issued for another address is refused.
#   Then live (docs/protocols.md): A calls B's RDEX 1.2 and standard-covoiturage APIs with a key B issued; A's
#   live search finds a journey B published after A's import, over each protocol; A's user contacts it through
#   each protocol and B's relay delivers; nothing about B's user reaches A; a slow partner and a stopped B leave
#   A's search fast and whole.
# Usage: ./mvnw -q package -DskipTests && scripts/two-operators.sh      (exit 0 and "TWO OPERATORS: OK" on success)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/operators.sh
JAR=target/quarkus-app/quarkus-run.jar
WORK=$(mktemp -d /tmp/rdex-two-operators-XXXX)
A_HTTPS=${A_HTTPS_PORT:-28443}; A_MGMT=${A_MGMT_PORT:-29000}
B_HTTPS=${B_HTTPS_PORT:-28444}; B_MGMT=${B_MGMT_PORT:-29001}
HOOK_PORT=${HOOK_PORT:-29180}
SLOW_PORT=${SLOW_PORT:-29181}; DEAD_PORT=${DEAD_PORT:-29182}
PIDS=()
OK=0
# Servers stopped; their data (two PostgreSQL clusters) removed on success unless KEEP=1.
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  if [ "$OK" = 1 ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
# Fail fast on a busy port rather than talk to somebody else's server.
for port in $A_HTTPS $A_MGMT $B_HTTPS $B_MGMT $HOOK_PORT $SLOW_PORT $DEAD_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is already in use"; exit 1; fi
done
trap cleanup EXIT
fail() { echo "FAILED: $*"; echo "logs in $WORK"; exit 1; }
# A command failing outside fail() (set -e) still says where, and keeps the logs.
trap 'echo "FAILED at line $LINENO (exit $?); logs in $WORK"' ERR
step() { echo "== $*"; }

# B's platform: records every webhook delivery, one JSON body per line.
start_webhook "$HOOK_PORT" "$WORK/hook.jsonl"
PIDS+=($!)

# env for operator X: data dir, ports, identity, tokens
op_env() {
  local x=$1
  if [ "$x" = a ]; then echo "RDEX_DATA_DIR=$WORK/a QUARKUS_HTTP_SSL_PORT=$A_HTTPS QUARKUS_MANAGEMENT_PORT=$A_MGMT RDEX_OPERATOR_NAME=operator-a RDEX_OPERATOR_SITE=a.example.org RDEX_EXPORT_DTD_URL=https://127.0.0.1:$A_HTTPS/rdex/rdex-1.0.dtd";
  else echo "RDEX_DATA_DIR=$WORK/b QUARKUS_HTTP_SSL_PORT=$B_HTTPS QUARKUS_MANAGEMENT_PORT=$B_MGMT RDEX_OPERATOR_NAME=operator-b RDEX_OPERATOR_SITE=b.example.org RDEX_RELAY_WEBHOOK_URL=http://127.0.0.1:$HOOK_PORT/hook RDEX_RELAY_WEBHOOK_SECRET=b-webhook-secret RDEX_EXPORT_DTD_URL=https://127.0.0.1:$B_HTTPS/rdex/rdex-1.0.dtd"; fi
}
run() { local x=$1; shift; env $(op_env "$x") RDEX_PLATFORM_TOKEN=platform-$x RDEX_ADMIN_TOKEN=admin-$x java -jar "$JAR" "$@"; }

step "starting operators A (https $A_HTTPS) and B (https $B_HTTPS)"
for x in a b; do
  mkdir -p "$WORK/$x"
  # exec: $! is the server's own pid, so the cleanup stops the server, not a wrapper shell.
  (exec env $(op_env "$x") RDEX_PLATFORM_TOKEN=platform-$x RDEX_ADMIN_TOKEN=admin-$x java -jar "$JAR" serve) > "$WORK/$x.log" 2>&1 &
  PIDS+=($!)
done
for x in a b; do
  port=$([ "$x" = a ] && echo $A_MGMT || echo $B_MGMT)
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null || fail "operator $x did not start"
done
FP_A=$(run a tls fingerprint 2>/dev/null | tail -1)
FP_B=$(run b tls fingerprint 2>/dev/null | tail -1)
echo "A fingerprint $FP_A"; echo "B fingerprint $FP_B"

journey() { # operator https-port external-id city-from lat lon city-to lat lon owner insee-from insee-to
  put_journey "platform-$1" "${@:2:11}" "$1.example.org"
}
step "each operator publishes a journey and exports its file"
UUID_A=$(journey a $A_HTTPS a-1 "La Rochelle" 46.1603 -1.1511 "Rochefort" 45.9421 -0.9588 owner-a@a.example.org 17300 17299)
UUID_B=$(journey b $B_HTTPS b-1 "Marseille" 43.2965 5.3698 "Aix-en-Provence" 43.5297 5.4474 owner-b@b.example.org 13055 13001)
run a export > "$WORK/a-export.out" 2>&1 || fail "export on A"
run b export > "$WORK/b-export.out" 2>&1 || fail "export on B"

step "each registers the other (pinned certificate) and B issues A a key"
run a partners add opb --operator operator-b --site b.example.org \
  --feed-url "https://127.0.0.1:$B_HTTPS/rdex/journeys.xml.gz" --contact-url "https://127.0.0.1:$B_HTTPS/rdex/contact" \
  --fingerprint "$FP_B" >/dev/null 2>>"$WORK/cli.err" || fail "partners add on A"
run b partners add opa --operator operator-a --site a.example.org \
  --feed-url "https://127.0.0.1:$A_HTTPS/rdex/journeys.xml.gz" --contact-url "https://127.0.0.1:$A_HTTPS/rdex/contact" \
  --fingerprint "$FP_A" >/dev/null 2>>"$WORK/cli.err" || fail "partners add on B"
KEY_B_FOR_A=$(run b keys issue --partner opa --ip 127.0.0.1 --ip ::1 2>>"$WORK/cli.err" | tail -1)
KEY_B_OTHER_IP=$(run b keys issue --partner opa --ip 192.0.2.10 2>>"$WORK/cli.err" | tail -1)
curl -sf -X PUT -H "Authorization: Bearer admin-a" -H 'Content-Type: application/json' \
  -d "{\"key\":\"$KEY_B_FOR_A\"}" "http://127.0.0.1:$A_MGMT/admin/partners/opb/key" >/dev/null || fail "set-key on A"

step "each imports the other's file over HTTPS"
run a import --partner opb > "$WORK/a-import.out" 2>&1 || fail "import on A: $(cat "$WORK/a-import.out")"
run b import --partner opa > "$WORK/b-import.out" 2>&1 || fail "import on B: $(cat "$WORK/b-import.out")"

step "a search on A finds B's journey"
curl -sfk -H "Authorization: Bearer platform-a" \
  "https://127.0.0.1:$A_HTTPS/api/v1/journeys/search?fromLat=43.30&fromLon=5.37&toLat=43.53&toLon=5.45&date=2099-03-01" \
  > "$WORK/search.json" || fail "search on A"
grep -q "$UUID_B" "$WORK/search.json" || fail "B's journey $UUID_B not in A's search: $(head -c 500 "$WORK/search.json")"

step "A's platform contacts B's journey through A"
STATUS=$(curl -sk -o "$WORK/contact.json" -w '%{http_code}' -H "Authorization: Bearer platform-a" -H 'Content-Type: application/json' \
  -d "{\"journey\":\"$UUID_B\",\"pseudonym\":\"Chloé\",\"email\":\"chloe@a.example.org\",\"message\":\"Bonjour, il reste une place ?\"}" \
  "https://127.0.0.1:$A_HTTPS/api/v1/contact")
[ "$STATUS" = 202 ] || fail "contact through A answered $STATUS: $(cat "$WORK/contact.json")"

step "B's relay delivers it to B's platform"
for _ in $(seq 1 40); do grep -q "il reste une place" "$WORK/hook.jsonl" 2>/dev/null && break; sleep 0.5; done
grep -q "il reste une place" "$WORK/hook.jsonl" 2>/dev/null || fail "no delivery on B's webhook"
grep -q "chloe@a.example.org" "$WORK/hook.jsonl" || fail "delivery without the sender's address"
grep -q "\"uuid\":\"$UUID_B\"" "$WORK/hook.jsonl" || fail "delivery without B's journey"

step "a key B issued for another address is refused from here"
STATUS=$(curl -sk -o "$WORK/refused.json" -w '%{http_code}' --data-urlencode "key=$KEY_B_OTHER_IP" --data-urlencode "id=$UUID_B" \
  --data-urlencode "from=Eve <eve@a.example.org>" --data-urlencode "site=a.example.org" --data-urlencode "message=hello" \
  "https://127.0.0.1:$B_HTTPS/rdex/contact")
[ "$STATUS" = 403 ] || fail "key for another IP answered $STATUS"
# ---- Live protocols ---------------------------------------------------------------------------------------
# A partner that accepts connections and never answers.
python3 - "$SLOW_PORT" <<'PY' &
import socket, sys, time, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(64)
held = []
while True:
    c, _ = s.accept(); held.append(c)
PY
PIDS+=($!)
B_PID=${PIDS[2]}

# live search on A: prints the JSON; $1 extra query
live_search() {
  curl -sfk -H "Authorization: Bearer platform-a" -o "$WORK/live.json" -w '%{time_total}' \
    "https://127.0.0.1:$A_HTTPS/api/v1/journeys/search?fromLat=43.30&fromLon=5.37&toLat=43.53&toLon=5.45&date=2099-03-01&live=true$1"
}
field() { python3 -c "import json,sys; d=json.load(open('$WORK/live.json')); print($1)"; }
contact_live() { # uuid message -> http status
  curl -sk -o "$WORK/contact-live.json" -w '%{http_code}' -H "Authorization: Bearer platform-a" -H 'Content-Type: application/json' \
    -d "{\"journey\":\"$1\",\"partner\":\"opb\",\"pseudonym\":\"Chloé\",\"email\":\"chloe@a.example.org\",\"message\":\"$2\"}" \
    "https://127.0.0.1:$A_HTTPS/api/v1/contact"
}
no_b_user() { # file: nothing about B's user (address, platform reference) in what A received
  if grep -q -e "owner-b@b.example.org" -e "user-b" "$1"; then fail "B's user shows in $1"; fi
}

# A live search on A over $1 (a protocol's name) finds B's second journey, and nothing of B's user.
live_finds_b2() {
  live_search "" >/dev/null || fail "live search on A ($1)"
  [ "$(field "d['partnersFailed']")" = "[]" ] || fail "$1 partner failed: $(head -c 600 "$WORK/live.json")"
  [ "$(field "[i['partnerName'] for i in d['results'] if i['uuid']=='$UUID_B2']")" = "['opb']" ] \
    || fail "B's new journey $UUID_B2 not found live over $1: $(head -c 600 "$WORK/live.json")"
  no_b_user "$WORK/live.json"
  echo "live search over $1 finds B's new journey"
}

# A's user writes $1 to B's second journey over $2; B's relay delivers it with the sender's address.
live_contact_delivered() {
  local status
  status=$(contact_live "$UUID_B2" "$1")
  [ "$status" = 202 ] || fail "contact over $2 answered $status: $(cat "$WORK/contact-live.json")"
  no_b_user "$WORK/contact-live.json"
  for _ in $(seq 1 40); do grep -q "$1" "$WORK/hook.jsonl" 2>/dev/null && break; sleep 0.5; done
  grep "$1" "$WORK/hook.jsonl" | grep -q "chloe@a.example.org" || fail "no $2 delivery with the sender's address on B's webhook"
  echo "contact over $2 delivered by B's relay"
}

step "B publishes a second journey, after A's import: only a live search can find it"
UUID_B2=$(journey b $B_HTTPS b-2 "Marseille" 43.2970 5.3700 "Aix-en-Provence" 43.5300 5.4480 owner-b@b.example.org 13055 13001)
KEY_LIVE=$(run b keys issue --partner opa --ip 127.0.0.1 --ip ::1 2>>"$WORK/cli.err" | tail -1)
APIKEY_LIVE=${KEY_LIVE:0:21}     # rdex_<id>: RDEX 1.2 apikey, the public half
export RDEX12_PRIVATE_LIVE=${KEY_LIVE:22}  # the secret: RDEX 1.2 private key, never on a command line

step "A searches B live over RDEX 1.2"
run a partners protocol opb --rdex12-url "https://127.0.0.1:$B_HTTPS/rdex" --rdex12-apikey "$APIKEY_LIVE" \
  --rdex12-private-key-env RDEX12_PRIVATE_LIVE --contact-via rdex12 >>"$WORK/cli.out" 2>>"$WORK/cli.err" || fail "partners protocol (rdex12) on A"
unset RDEX12_PRIVATE_LIVE
live_finds_b2 "RDEX 1.2"

step "A's user contacts it through RDEX 1.2 connections; B's relay delivers"
live_contact_delivered "Bonjour par RDEX 1.2" "RDEX 1.2"

step "A searches B live over standard-covoiturage"
echo "$KEY_LIVE" | run a partners protocol opb --clear rdex12 --standard-url "https://127.0.0.1:$B_HTTPS/standard/v1" \
  --standard-api-key-stdin --contact-via standard >>"$WORK/cli.out" 2>>"$WORK/cli.err" || fail "partners protocol (standard) on A"
live_finds_b2 "standard-covoiturage"

step "A's user contacts it through standard-covoiturage messages; B's relay delivers"
live_contact_delivered "Bonjour par le standard" "standard-covoiturage"

step "a slow partner and a stopped one leave A's search fast and whole"
run a partners add opslow --operator slow --site slow.example.org >/dev/null 2>>"$WORK/cli.err" || fail "partners add opslow"
export RDEX12_PRIVATE_LIVE=whatever
run a partners protocol opslow --rdex12-url "http://127.0.0.1:$SLOW_PORT/rdex" --rdex12-apikey k \
  --rdex12-private-key-env RDEX12_PRIVATE_LIVE --timeout 1000ms >>"$WORK/cli.out" 2>>"$WORK/cli.err" || fail "protocol opslow"
unset RDEX12_PRIVATE_LIVE
kill "$B_PID"; wait "$B_PID" 2>/dev/null || true
SECONDS_TAKEN=$(live_search "") || fail "live search with B stopped"
python3 -c "import sys; t=float('$SECONDS_TAKEN'); sys.exit(0 if t < 4.0 else 1)" || fail "search took $SECONDS_TAKEN s with a slow (1 s) and a stopped partner"
[ "$(field "sorted(d['partnersFailed'])")" = "['opb', 'opslow']" ] || fail "failed partners: $(head -c 600 "$WORK/live.json")"
[ "$(field "'$UUID_B' in [i['uuid'] for i in d['results']]")" = "True" ] || fail "stored journeys missing when partners fail"
echo "slow and stopped partners: search answered in $SECONDS_TAKEN s with the stored journeys, both named in partnersFailed"
echo "TWO OPERATORS LIVE: OK"
OK=1
echo "TWO OPERATORS: OK"
