#!/usr/bin/env bash
# A full disk under the server. The data directory (embedded PostgreSQL, scratch files, local copy) lives on a
# small tmpfs mounted by the script (as root); elsewhere a trigger makes PostgreSQL answer SQLState 53100 as a
# full disk does. Measures what an export takes on the data directory, fills the disk, then checks: every
# write to the platform API answers 201/200 or 503 with Retry-After (never 500); readiness names the
# shortage; a failed export says "No space left on device" in export_run and on the CLI; once room is made,
# writes and the export work again.
# Usage: scripts/chaos/disk-full.sh [--short]      (CHAOS_DISK_MB, default 320: the tmpfs size)
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --short ]; then JOURNEYS=10000; WRITES=400; else JOURNEYS=${CHAOS_JOURNEYS:-40000}; WRITES=1000; fi
SIZE_MB=${CHAOS_DISK_MB:-320}
mkdir -p "$WORK/data"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o "size=${SIZE_MB}m" rdex-chaos-disk "$WORK/data" 2>/dev/null; then
  MODE=tmpfs
  # After the server (and its PostgreSQL) stopped; the files go with the mount.
  ON_FINISH='umount "$WORK/data" 2>/dev/null || umount -l "$WORK/data"'
else
  MODE=simulated
fi
echo "mode: $MODE"
free_kb() { df -Pk "$WORK/data" | awk 'NR==2 {print $4}'; }

EXTRA_ENV="RDEX_DEMO_JOURNEYS=$JOURNEYS"
start_server
wait_file 600 || problem "no file published"
bytes=$(curl -s "http://127.0.0.1:$MGMT/q/health/ready" | python3 -c \
  'import json,sys; print(next(c["data"]["bytes"] for c in json.load(sys.stdin)["checks"] if c["name"]=="rdex-export"))')

# What an export takes: the lowest free space while a CLI export runs, against the free space before it.
before=$(free_kb); lowest=$before
wal_before=$(sql "select pg_current_wal_lsn()")
cli_bg export; pid=$!
while kill -0 "$pid" 2>/dev/null; do f=$(free_kb); [ "$f" -lt "$lowest" ] && lowest=$f; sleep 0.05; done
wait "$pid" 2>/dev/null
wal=$(sql "select pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal_before')::bigint")
peak=$(( (before - lowest) * 1024 ))
echo "export of $bytes bytes ($JOURNEYS journeys): peak use $(( peak >> 20 )) MB on the data directory" \
  "($(python3 -c "print(round($peak / $bytes, 1))") x the file), WAL written $(( ${wal%.*} >> 20 )) MB"

key_uuid=$(contact_setup)
journey() { # id -> HTTP status and Retry-After of a PUT
  curl -sk -o /dev/null -D - -X PUT -H 'Authorization: Bearer platform' -H 'Content-Type: application/json' \
    "https://127.0.0.1:$HTTPS/api/v1/journeys/$1" --data-binary @- <<JSON | awk 'NR==1 {s=$2} tolower($1)=="retry-after:" {r="R"} END {print s r}'
{"from": {"city": "Lyon", "insee": "69123", "lat": 45.76, "lon": 4.83}, "to": {"city": "Vienne", "insee": "38544", "lat": 45.52, "lon": 4.87},
 "role": "driver", "frequency": "punctual", "distanceKm": 31.5, "durationMinutes": 35, "pseudonym": "disk $1",
 "url": "https://chaos.example/j/$1", "punctual": {"date": "2099-03-01", "minTime": "08:00", "maxTime": "08:30"},
 "owner": {"ref": "u-$1", "email": "owner@example.org"}}
JSON
}

# Fill the disk (or make PostgreSQL say it is full).
fill() { # one more filler file, taking all but $1 kB
  local n; n=$(ls "$WORK/data" | grep -c '^filler') 
  fallocate -l $(( ($(free_kb) - $1) * 1024 )) "$WORK/data/filler$n" 2>/dev/null \
    || dd if=/dev/zero of="$WORK/data/filler$n" bs=1k count=$(( $(free_kb) - $1 )) 2>/dev/null
  echo "disk filled: $(free_kb) kB free"
}
if [ "$MODE" = tmpfs ]; then
  fill 512
else
  sql "create function chaos_disk_full() returns trigger language plpgsql as \$\$ begin
       raise exception 'could not extend file: No space left on device' using errcode = '53100'; end \$\$" > /dev/null
  sql "create trigger chaos_disk_full before insert or update on journey for each row execute function chaos_disk_full()" > /dev/null
  sql "create trigger chaos_disk_full before insert on export_chunk for each row execute function chaos_disk_full()" > /dev/null
fi

# The export first, while PostgreSQL still runs: the writes below may fill its WAL, and PostgreSQL then stops.
out=$(cli export 2>&1 | tail -1)
echo "export on a full disk: $out"
[[ "$out" == *"No space left on device"* ]] || problem "the failed export does not say 'No space left on device'"

# The failed export removed its scratch file: take that room again, all of it.
[ "$MODE" = tmpfs ] && fill 0
ok=0; refused=0; wrong=0
for i in $(seq 1 "$WRITES"); do
  # New journeys, not updates: an update may fit in a page PostgreSQL already has.
  case $(journey "disk-$i") in
    200|201) ok=$((ok + 1)) ;;
    503R) refused=$((refused + 1)) ;;
    *) wrong=$((wrong + 1)) ;;
  esac
done
echo "writes on a full disk: $ok stored, $refused answered 503 with Retry-After, $wrong wrong"
[ "$wrong" = 0 ] || problem "$wrong writes answered neither 2xx nor 503 with Retry-After"
[ "$refused" -gt 0 ] || problem "the disk never refused a write (not full?)"
# Readiness names the full disk; or, when the WAL could not grow and PostgreSQL stopped (PANIC), says it is down.
ready=$(curl -s "http://127.0.0.1:$MGMT/q/health/ready")
said=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); c=next(c for c in d["checks"] if c["name"]=="rdex-database"); x=c.get("data",{}); print(x.get("resourceShortage") or ("down since " + x["downSince"] if c["status"]=="DOWN" and "downSince" in x else ""))' "$ready")
echo "readiness: ${said:-says nothing of the disk}"
[ -n "$said" ] || problem "readiness does not say the disk is full"

# Make room: writes and the export work again.
if [ "$MODE" = tmpfs ]; then rm -f "$WORK/data"/filler*; else
  sql "drop trigger chaos_disk_full on journey; drop trigger chaos_disk_full on export_chunk; drop function chaos_disk_full()" > /dev/null
fi
limit=$(( $(date +%s) + 90 ))
until [ "$(journey disk-after)" = 201 ] || [ "$(journey disk-after)" = 200 ]; do
  [ "$(date +%s)" -ge "$limit" ] && { problem "writes still refused 90 s after room was made"; break; }
  sleep 0.5
done
error=$(sql "select coalesce(error, '') from export_run where status = 'FAILED' order by id desc limit 1")
echo "export_run error: $error"
[[ "$error" == *"No space left on device"* ]] || problem "export_run does not store the root cause"
out=$(cli export 2>&1 | tail -1)
echo "export after room was made: $out"
[[ "$out" == exported* ]] || problem "the export does not work again"
finish
