#!/usr/bin/env bash
# kill -9 of a partner import (CLI, downloading the partner's feed over pinned HTTPS) at random moments: the
# partner keeps exactly its previous set of journeys, or the complete new one; downloads are cleaned up.
# The "partner" is this server's own file, so the journeys are realistic.
# Usage: scripts/chaos/kill-import.sh [--short]
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --short ]; then JOURNEYS=20000; KILLS=2; else JOURNEYS=${CHAOS_JOURNEYS:-200000}; KILLS=5; fi
EXTRA_ENV="RDEX_DEMO_JOURNEYS=$JOURNEYS"
start_server
wait_file 600 || problem "no file published"
fp=$(cli tls fingerprint | tail -1)
cli partners add feedp --operator demo-operator --feed-url "https://127.0.0.1:$HTTPS/rdex/journeys.xml.gz" \
  --site feedp.example --fingerprint "$fp" > /dev/null
count() { sql "select count(*) from partner_journey pj join partner p on p.id = pj.partner_id where p.name = 'feedp'"; }
cli import --partner feedp > /dev/null
before=$(count)
echo "partner holds $before journeys"
[ "$before" -gt 0 ] || problem "first import imported nothing"
# A bigger file next: the partner's set would change if a killed import left anything.
cli journeys generate --count $(( JOURNEYS / 2 )) --seed 7 > /dev/null
cli export > /dev/null
for k in $(seq 1 $KILLS); do
  cli_bg import --partner feedp
  pid=$!
  # Once the download has begun, a random moment of downloading, COPY, index build or swap.
  for _ in $(seq 1 600); do
    [ -n "$(find "$WORK/data/imports" -path "*proc-$pid-*" -name 'feed-*' 2>/dev/null)" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  delay=$(python3 -c 'import random; print(round(random.uniform(0, 6), 1))')
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  now=$(count)
  echo "import killed ${delay}s after its download began; partner holds $now journeys"
  [ "$now" = "$before" ] || [ "$now" = $(( before + JOURNEYS / 2 )) ] || problem "partner holds $now journeys: neither set"
  before=$now
done
kill "$SERVER"; wait "$SERVER" 2>/dev/null
start_server
left=$(find "$WORK/data/imports" -name 'feed-*' | wc -l)
[ "$left" = 0 ] || problem "$left downloads still there after a restart"
finish
