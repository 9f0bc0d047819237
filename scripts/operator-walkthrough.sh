#!/usr/bin/env bash
# The README's production path, followed literally on the packaged jar with the two example environment files
# (config/operator-{a,b}.env.example), as a new operator would (issue 19). Only what an operator fills in by hand
# differs, in copies under a scratch directory: the secrets, the data directories, free ports, and B's webhook.
# A keeps the example's relay (no webhook, no SMTP server): it must say so (a warning at start, readiness DOWN)
# and show the waiting message with its error.
#   1. both servers start with `scripts/run-operator.sh ENV`; A warns that no relay channel works; A's readiness
#      is DOWN (rdex-relay) and B's UP;
#   2. journeys: A loads a file (`journeys load`), each platform pushes one journey; `export` on each; the file
#      downloads with `curl --cacert <data dir>/tls/server.crt`;
#   3. every console page of A renders after the export (Overview included);
#   4. the partnership as the README writes it: `tls fingerprint` (naming its data directory), `partners add`,
#      `keys issue`, `partners set-key` (an empty answer changes nothing), `import --partner`;
#   5. a test message from A's platform to B's journey: B's relay page shows it delivered; one from B's
#      platform to A's journey: A's relay page shows it waiting, with the SMTP error;
#   6. every console page of both after the import and the relay;
#   7. `backup` of A while it runs, `restore` into a fresh data directory, a server started on it has the same
#      partners, keys, pending messages and journeys.
# Usage: ./mvnw -q package -DskipTests && scripts/operator-walkthrough.sh   (exit 0 and "WALKTHROUGH: PASS")
# KEEP=1 keeps the scratch directory; TIMEOUT (seconds, default 600) bounds the whole run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/operators.sh
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "WALKTHROUGH: FAIL (package the server first: ./mvnw package -DskipTests)"; exit 2; }
WORK=$(mktemp -d /tmp/rdex-walkthrough-XXXX)
PIDS=()
OK=0
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  # A server killed mid-start can leave its embedded PostgreSQL running: stop it (fast shutdown).
  for x in a b; do
    pg=$(head -1 "$WORK/data-$x/postgres/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pg" ]; then kill -INT "$pg" 2>/dev/null || true; fi
  done
  if [ "$OK" = 1 ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
fail() { echo "FAILED: $*"; echo "logs in $WORK"; echo "WALKTHROUGH: FAIL"; exit 1; }
trap 'echo "FAILED at line $LINENO (exit $?); logs in $WORK"; echo "WALKTHROUGH: FAIL"' ERR
step() { echo "== $*"; }
trap 'exit 1' TERM INT
# The whole run is bounded: a hung server or command ends it as a failure.
( sleep "${TIMEOUT:-600}" & s=$!; trap 'kill $s 2>/dev/null; exit 0' TERM; wait $s
  echo "WALKTHROUGH: FAIL (timed out after ${TIMEOUT:-600} s; logs in $WORK)"; kill -TERM $$ ) 2>/dev/null &
WATCHDOG=$!
PIDS+=($WATCHDOG)

secret() { python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())'; }
# set KEY VALUE in env file $1 (replacing the example's line)
set_env() { python3 - "$1" "$2" "$3" <<'PY'
import sys
path, key, value = sys.argv[1:]
lines = open(path).read().splitlines()
out, done = [], False
for line in lines:
    if line.startswith(key + '='):
        out.append(key + '=' + value); done = True
    else:
        out.append(line)
if not done:
    out.append(key + '=' + value)
open(path, 'w').write('\n'.join(out) + '\n')
PY
}
env_of() { sed -n "s/^$2=//p" "$1"; }

step "copying the example environment files and filling in what an operator fills in"
HOOK_B=$(free_port)
for x in a b; do
  f="$WORK/operator-$x.env"
  cp "config/operator-$x.env.example" "$f" && chmod 600 "$f"
  set_env "$f" RDEX_DATA_DIR "$WORK/data-$x"
  https=$(free_port); mgmt=$(free_port)
  set_env "$f" QUARKUS_HTTP_SSL_PORT "$https"
  set_env "$f" QUARKUS_MANAGEMENT_PORT "$mgmt"
  set_env "$f" RDEX_EXPORT_DTD_BASE_URL "https://127.0.0.1:$https/rdex/"
  for s in RDEX_PLATFORM_TOKEN RDEX_ADMIN_TOKEN RDEX_SECRET_KEY RDEX_OPERATOR_UUID_SECRET; do set_env "$f" "$s" "$(secret)"; done
done
ENV_A="$WORK/operator-a.env"; ENV_B="$WORK/operator-b.env"
# B's platform receives messages on a webhook; A keeps the example's relay settings (none).
set_env "$ENV_B" RDEX_RELAY_WEBHOOK_URL "http://127.0.0.1:$HOOK_B/hook"
set_env "$ENV_B" RDEX_RELAY_WEBHOOK_SECRET "$(secret)"
if ! port_free 25; then
  # An SMTP server on this machine would make A's relay work; point A's mailer where none listens.
  set_env "$ENV_A" QUARKUS_MAILER_PORT "$(free_port)"
fi
for x in A B; do
  f=$([ $x = A ] && echo "$ENV_A" || echo "$ENV_B")
  eval "${x}_HTTPS=$(env_of "$f" QUARKUS_HTTP_SSL_PORT) ${x}_MGMT=$(env_of "$f" QUARKUS_MANAGEMENT_PORT)"
  eval "${x}_PLATFORM=$(env_of "$f" RDEX_PLATFORM_TOKEN) ${x}_ADMIN=$(env_of "$f" RDEX_ADMIN_TOKEN)"
done
SITE_A=$(env_of "$ENV_A" RDEX_OPERATOR_SITE); SITE_B=$(env_of "$ENV_B" RDEX_OPERATOR_SITE)
op() { local f=$1; shift; scripts/run-operator.sh "$f" "$@"; }

start_webhook "$HOOK_B" "$WORK/hook-b.jsonl"
PIDS+=($!)

step "1. starting A (https $A_HTTPS, management $A_MGMT) and B (https $B_HTTPS, management $B_MGMT)"
# Not through op(): run-operator.sh execs java, so $! is the server itself and the cleanup stops it.
scripts/run-operator.sh "$ENV_A" > "$WORK/a.log" 2>&1 &
PIDS+=($!)
scripts/run-operator.sh "$ENV_B" > "$WORK/b.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$A_MGMT/q/health/live" 180 || fail "A did not start: $(tail -20 "$WORK/a.log")"
wait_http "http://127.0.0.1:$B_MGMT/q/health/live" 180 || fail "B did not start: $(tail -20 "$WORK/b.log")"
grep -q "Relay: contact messages for our users cannot be delivered" "$WORK/a.log" \
  || fail "A started without warning that no relay channel works"
STATUS=$(curl -s -o "$WORK/a-ready.json" -w '%{http_code}' "http://127.0.0.1:$A_MGMT/q/health/ready")
[ "$STATUS" = 503 ] || fail "A's readiness answered $STATUS without a relay channel"
python3 - "$WORK/a-ready.json" <<'PY' || fail "A's readiness does not say why: $(cat "$WORK/a-ready.json")"
import json, sys
checks = {c['name']: c for c in json.load(open(sys.argv[1]))['checks']}
relay = checks['rdex-relay']
assert relay['status'] == 'DOWN' and 'no webhook' in relay['data']['reason'], relay
PY
wait_http "http://127.0.0.1:$B_MGMT/q/health/ready" 60 || fail "B (with a webhook) is not ready"
echo "A warns and is DOWN: $(python3 -c "import json; print([c['data']['reason'] for c in json.load(open('$WORK/a-ready.json'))['checks'] if c['name']=='rdex-relay'][0])")"

step "2. journeys: A loads a file, each platform pushes one; export; the file downloads with --cacert"
python3 - > "$WORK/a-journeys.jsonl" <<'PY'
import json
for i in range(3):
    print(json.dumps({"id": f"a-load-{i}", "from": {"city": "Niort", "insee": "79191", "lat": 46.32, "lon": -0.46},
        "to": {"city": "Poitiers", "insee": "86194", "lat": 46.58, "lon": 0.34}, "role": "driver",
        "frequency": "punctual", "distanceKm": 75, "durationMinutes": 60, "pseudonym": f"loaded-{i}",
        "url": f"https://covoiturage-a.example.org/trajets/a-load-{i}",
        "punctual": {"date": "2099-03-02", "minTime": "07:00", "maxTime": "07:30"},
        "owner": {"ref": f"user-a-load-{i}", "email": f"owner-{i}@a.example.org"}}))
PY
op "$ENV_A" journeys load "$WORK/a-journeys.jsonl" > "$WORK/a-load.out" 2> "$WORK/a-load.err" || fail "journeys load on A: $(cat "$WORK/a-load.err")"
grep -q "data directory: $WORK/data-a" "$WORK/a-load.err" || fail "journeys load does not name its data directory: $(cat "$WORK/a-load.err")"
UUID_A=$(put_journey "$A_PLATFORM" "$A_HTTPS" a-1 "La Rochelle" 46.1603 -1.1511 "Rochefort" 45.9421 -0.9588 owner-a@a.example.org 17300 17299 "$SITE_A")
UUID_B=$(put_journey "$B_PLATFORM" "$B_HTTPS" b-1 "Marseille" 43.2965 5.3698 "Aix-en-Provence" 43.5297 5.4474 owner-b@b.example.org 13055 13001 "$SITE_B")
[ -n "$UUID_A" ] && [ -n "$UUID_B" ] || fail "platform API: $(cat "$WORK/journeys.out")"
op "$ENV_A" export > "$WORK/a-export.out" 2> "$WORK/a-export.err" || fail "export on A: $(cat "$WORK/a-export.out" "$WORK/a-export.err")"
op "$ENV_B" export > "$WORK/b-export.out" 2> "$WORK/b-export.err" || fail "export on B: $(cat "$WORK/b-export.out" "$WORK/b-export.err")"
if grep -q "does not name" "$WORK/a-export.err" "$WORK/a.log"; then fail "the example's DTD setting warns on export"; fi
curl -sf --cacert "$WORK/data-a/tls/server.crt" -o "$WORK/a.xml.gz" "https://127.0.0.1:$A_HTTPS/rdex/journeys.xml.gz" \
  || fail "the README's download with --cacert failed"
[ "$(gunzip -c "$WORK/a.xml.gz" | grep -o '<journey>' | wc -l)" -ge 4 ] || fail "A's file lacks the loaded journeys"
gunzip -c "$WORK/a.xml.gz" | head -c 300 | grep -q "https://127.0.0.1:$A_HTTPS/rdex/rdex-1.0-minimal.dtd" \
  || fail "the DOCTYPE does not name the DTD under RDEX_EXPORT_DTD_BASE_URL"

# Every page of the console of operator $1 (A or B); each must render.
all_pages() {
  local mgmt admin jar partner
  if [ "$1" = A ]; then mgmt=$A_MGMT admin=$A_ADMIN partner=b; else mgmt=$B_MGMT admin=$B_ADMIN partner=a; fi
  jar="$WORK/cookies-$1"
  console_sign_in "$mgmt" "$admin" "$jar" || fail "console sign-in on $1"
  for page in /console /console/partners /console/keys /console/relay ${2:+/console/partners/$partner}; do
    console_page "$mgmt" "$jar" "$page" > "$WORK/page-$1$(echo "$page" | tr / _).html" \
      || fail "console page $page on $1 did not render: $(head -c 400 "$WORK/page-$1$(echo "$page" | tr / _).html")"
  done
}
step "3. every console page of A after the export"
all_pages A
grep -q 'PUBLISHED' "$WORK/page-A_console.html" || fail "the overview does not show the published run"

step "4. the partnership, as the README writes it"
op "$ENV_A" tls fingerprint > "$WORK/a-fp.out" 2> "$WORK/a-fp.err"
op "$ENV_B" tls fingerprint > "$WORK/b-fp.out" 2> "$WORK/b-fp.err"
grep -q "data directory: $WORK/data-a" "$WORK/a-fp.err" || fail "tls fingerprint does not name its data directory: $(cat "$WORK/a-fp.err")"
FP_A=$(tail -1 "$WORK/a-fp.out"); FP_B=$(tail -1 "$WORK/b-fp.out")
[ "$FP_A" != "$FP_B" ] && [ ${#FP_A} -ge 64 ] || fail "fingerprints: $FP_A / $FP_B"
op "$ENV_A" partners add b --operator operator-b --site "$SITE_B" \
    --feed-url "https://127.0.0.1:$B_HTTPS/rdex/journeys.xml.gz" \
    --contact-url "https://127.0.0.1:$B_HTTPS/" --fingerprint "$FP_B" > "$WORK/a-add.out" 2> "$WORK/a-add.err" \
  || fail "partners add on A: $(cat "$WORK/a-add.err")"
op "$ENV_B" partners add a --operator operator-a --site "$SITE_A" \
    --feed-url "https://127.0.0.1:$A_HTTPS/rdex/journeys.xml.gz" \
    --contact-url "https://127.0.0.1:$A_HTTPS/" --fingerprint "$FP_A" > "$WORK/b-add.out" 2> "$WORK/b-add.err" \
  || fail "partners add on B: $(cat "$WORK/b-add.err")"
if grep -q Warning "$WORK/a-add.err" "$WORK/b-add.err"; then fail "partners add warned: $(cat "$WORK/a-add.err" "$WORK/b-add.err")"; fi
KEY_B_FOR_A=$(op "$ENV_B" keys issue --partner a --ip 127.0.0.1 --ip ::1 2>> "$WORK/cli.err" | tail -1)
KEY_A_FOR_B=$(op "$ENV_A" keys issue --partner b --ip 127.0.0.1 --ip ::1 2>> "$WORK/cli.err" | tail -1)
echo "$KEY_B_FOR_A" | op "$ENV_A" partners set-key b > /dev/null 2>> "$WORK/cli.err" || fail "set-key on A"
echo "$KEY_A_FOR_B" | op "$ENV_B" partners set-key a > /dev/null 2>> "$WORK/cli.err" || fail "set-key on B"
if echo "" | op "$ENV_A" partners set-key b > /dev/null 2> "$WORK/set-key-empty.err"; then fail "an empty set-key answer succeeded"; fi
op "$ENV_A" partners list 2>> "$WORK/cli.err" | grep -q "key=yes" || fail "an empty set-key answer removed the key"
op "$ENV_A" import --partner b > "$WORK/a-import.out" 2>&1 || fail "import on A: $(cat "$WORK/a-import.out")"
op "$ENV_B" import --partner a > "$WORK/b-import.out" 2>&1 || fail "import on B: $(cat "$WORK/b-import.out")"

step "5. test messages: A's user writes to B's journey (delivered), B's user to A's (waits: A has no channel)"
contact() { # platform-token https-port journey-uuid message
  curl -sk -o "$WORK/contact.json" -w '%{http_code}' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"journey\":\"$3\",\"pseudonym\":\"Chloé\",\"email\":\"chloe@example.net\",\"message\":\"$4\"}" \
    "https://127.0.0.1:$2/api/v1/contact"
}
[ "$(contact "$A_PLATFORM" "$A_HTTPS" "$UUID_B" "Bonjour B")" = 202 ] || fail "contact through A: $(cat "$WORK/contact.json")"
[ "$(contact "$B_PLATFORM" "$B_HTTPS" "$UUID_A" "Bonjour A")" = 202 ] || fail "contact through B: $(cat "$WORK/contact.json")"
for _ in $(seq 1 60); do grep -q "Bonjour B" "$WORK/hook-b.jsonl" 2>/dev/null && break; sleep 0.5; done
grep -q "Bonjour B" "$WORK/hook-b.jsonl" 2>/dev/null || fail "B's relay did not deliver to B's platform"
for _ in $(seq 1 60); do
  [ "$(curl -s -H "Authorization: Bearer $A_ADMIN" "http://127.0.0.1:$A_MGMT/admin/messages?state=PENDING" \
      | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["messages"] if m.get("lastError")))')" -ge 1 ] && break
  sleep 0.5
done

step "6. every console page of both after the import and the relay"
all_pages A partner
all_pages B partner
grep -q 'id="delivered-' "$WORK/page-B_console_relay.html" || fail "B's relay page shows no delivery"
python3 - "$WORK/page-A_console_relay.html" <<'PY' || fail "A's relay page does not show the waiting message with its error"
import re, sys
html = open(sys.argv[1]).read()
assert 'No message can be delivered' in html, 'no channel problem shown'
rows = re.findall(r'<tr id="pending-\d+">(.*?)</tr>', html, re.S)
assert rows and any('SMTP ' in r and 'CompletionException' not in r for r in rows), rows
assert 'Bonjour A' not in html, 'the text is shown'
PY
grep -q "Bonjour B" "$WORK/page-B_console_relay.html" && fail "B's relay page shows a message text"

step "7. a backup of A while it runs, restored into a fresh data directory, checked on a server started on it"
op "$ENV_A" backup --out "$WORK/a-backup.zip" > "$WORK/backup.out" 2>&1 || fail "backup on A: $(cat "$WORK/backup.out")"
ENV_R="$WORK/operator-r.env"
cp "$ENV_A" "$ENV_R"
R_HTTPS=$(free_port); R_MGMT=$(free_port)
set_env "$ENV_R" RDEX_DATA_DIR "$WORK/data-r"
set_env "$ENV_R" QUARKUS_HTTP_SSL_PORT "$R_HTTPS"
set_env "$ENV_R" QUARKUS_MANAGEMENT_PORT "$R_MGMT"
op "$ENV_R" restore "$WORK/a-backup.zip" > "$WORK/restore.out" 2>&1 || fail "restore: $(cat "$WORK/restore.out")"
scripts/run-operator.sh "$ENV_R" > "$WORK/r.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$R_MGMT/q/health/live" 180 || fail "the restored server did not start: $(tail -20 "$WORK/r.log")"
admin_json() { curl -sf -H "Authorization: Bearer $A_ADMIN" "http://127.0.0.1:$1$2"; }
for path in /admin/partners /admin/keys "/admin/messages?state=PENDING"; do
  admin_json "$A_MGMT" "$path" > "$WORK/a-admin.json" || fail "A's admin $path"
  admin_json "$R_MGMT" "$path" > "$WORK/r-admin.json" || fail "the restored server's admin $path"
  python3 - "$WORK/a-admin.json" "$WORK/r-admin.json" "$path" <<'PY' || fail "the restored $path differs from A's"
import json, sys
a, r = (json.load(open(f)) for f in sys.argv[1:3])
# What the restored server has done since (its relay retried, keys were used) may differ: last*, next*, attempt*.
def items(doc):
    if isinstance(doc, dict):
        doc = next(v for v in doc.values() if isinstance(v, list))
    return sorted(json.dumps({k: v for k, v in x.items() if not k.startswith(("last", "next", "attempt"))}, sort_keys=True) for x in doc)
assert items(a) and items(a) == items(r), (sys.argv[3], items(a), items(r))
PY
done
# Own journeys: the restored server exports the same journeys, and B's journeys are still searchable there.
op "$ENV_R" export --out "$WORK/r.xml.gz" > "$WORK/r-export.out" 2>&1 || fail "export on the restored server: $(cat "$WORK/r-export.out")"
[ "$(gunzip -c "$WORK/r.xml.gz" | grep -o '<journey>' | wc -l)" = "$(gunzip -c "$WORK/a.xml.gz" | grep -o '<journey>' | wc -l)" ] \
  || fail "the restored server's file has another number of journeys"
# The key B holds still opens the restored server's contact API (an unknown journey then), a wrong one does not.
r_contact() {
  curl -sk -o "$WORK/r-contact.json" -w '%{http_code}' --data-urlencode "key=$1" --data-urlencode "id=no-such-journey" \
    --data-urlencode "from=Chloé <chloe@example.net>" --data-urlencode "message=Bonjour" "https://127.0.0.1:$R_HTTPS/rdex/contact"
}
STATUS=$(r_contact "$KEY_A_FOR_B")
[ "$STATUS" != 401 ] && [ "$STATUS" != 403 ] && [ "$STATUS" != 000 ] \
  || fail "the key issued to B is refused by the restored server ($STATUS: $(cat "$WORK/r-contact.json"))"
[ "$(r_contact "x${KEY_A_FOR_B}")" = 401 ] || fail "a wrong key is not refused by the restored server"

kill "$WATCHDOG" 2>/dev/null || true
OK=1
echo "WALKTHROUGH: PASS"
