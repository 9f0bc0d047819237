#!/usr/bin/env bash
# PostgreSQL killed (kill -9 of the postmaster) under mixed load: every answer during the outage is a 503
# with Retry-After or, for the file, the last good bytes; the server brings PostgreSQL back by itself within
# 30 s; every message answered 201 is delivered.
# Usage: scripts/chaos/db-outage.sh [--short]      (prints "VERDICT db-outage: PASS|FAIL ...")
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --short ]; then LOAD=25; KILLS=1; else LOAD=${CHAOS_SECONDS:-120}; KILLS=3; fi
EXTRA_ENV="RDEX_DEMO_JOURNEYS=2000"
start_hook 0
start_server
read -r KEY UUID < <(contact_setup)
wait_file 120 || problem "no file published"
python3 scripts/chaos/load.py --port "$HTTPS" --seconds "$LOAD" --key "$KEY" --journey "$UUID" \
  --posts 50 --searches 10 --downloads 1 > "$WORK/load.json" &
LOADER=$!
for k in $(seq 1 $KILLS); do
  sleep $(( LOAD / (KILLS + 1) ))
  pm=$(postmaster_pid)
  kill -9 "$pm"; killed=$(date +%s%N)
  echo "killed PostgreSQL (pid $pm)"
  back=
  for _ in $(seq 1 300); do
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer platform' \
        "https://127.0.0.1:$HTTPS/api/v1/journeys/search?fromLat=45.76&fromLon=4.83")" = 200 ]; then
      back=$(( ($(date +%s%N) - killed) / 1000000 )); break
    fi
    sleep 0.1
  done
  if [ -z "$back" ] || [ "$back" -gt 30000 ]; then problem "PostgreSQL not back within 30 s"; else echo "back after $back ms"; fi
done
wait $LOADER
cat "$WORK/load.json"
errors=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["errors"])' "$WORK/load.json")
stored=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("stored", 0))' "$WORK/load.json")
[ "$errors" = 0 ] || problem "$errors answers neither right nor a 503 with Retry-After"
check_delivered "$stored" 120
finish
