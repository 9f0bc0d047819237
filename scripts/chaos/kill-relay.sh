#!/usr/bin/env bash
# kill -9 of the server, several times, while it relays contact messages to a slow webhook: after the last
# restart every stored message is delivered, each idempotency key with one body (repeats allowed).
# Every restart also finds the PostgreSQL the killed server left running, and stops it before starting its own.
# Usage: scripts/chaos/kill-relay.sh [--short]
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --short ]; then POSTS=5; KILLS=1; else POSTS=${CHAOS_SECONDS:-20}; KILLS=3; fi
start_hook 20
start_server
read -r KEY UUID < <(contact_setup)
python3 scripts/chaos/load.py --port "$HTTPS" --seconds "$POSTS" --key "$KEY" --journey "$UUID" \
  --posts 100 --searches 0 --downloads 0 > "$WORK/load.json"
cat "$WORK/load.json"
stored=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("stored", 0))' "$WORK/load.json")
for k in $(seq 1 $KILLS); do
  sleep 1.5
  echo "kill -9 of the server with $(cut -d' ' -f1 "$WORK/hook.tsv" | sort -u | wc -l) of $stored delivered"
  kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null
  start_server
done
check_delivered "$stored" 180
grep -q "left by a server that did not stop cleanly" "$WORK/server.log" || problem "the orphaned PostgreSQL was not noticed"
finish
