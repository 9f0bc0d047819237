#!/usr/bin/env bash
# Mixed load for N minutes (contact posts, searches, full downloads) with the live heap sampled every
# 30 s: PASS when no answer was wrong, every message was delivered, and the live heap after is not above
# 1.5 times the live heap before plus 16 MB.
# Usage: scripts/chaos/soak.sh [MINUTES]      (default 10; --short is 30 s at a lower rate)
if [ "${1:-}" = --short ]; then DURATION=30; POSTS=50; else DURATION=$(( ${1:-10} * 60 )); POSTS=200; fi
CHAOS_LIMIT=${CHAOS_LIMIT:-$(( DURATION + 600 ))}
source "$(dirname "$0")/lib.sh"
EXTRA_ENV="RDEX_DEMO_JOURNEYS=20000"
start_hook 0
start_server
read -r KEY UUID < <(contact_setup)
wait_file 300 || problem "no file published"
live_heap() { # MB of live objects after a full GC
  jcmd "$SERVER" GC.run > /dev/null 2>&1
  jcmd "$SERVER" GC.heap_info 2>/dev/null | awk '/used/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub("K,?","",v); print int(v/1024); exit } }'
}
heap0=$(live_heap)
echo "live heap before: ${heap0} MB"
python3 scripts/chaos/load.py --port "$HTTPS" --seconds "$DURATION" --key "$KEY" --journey "$UUID" \
  --posts "$POSTS" --searches 20 --downloads 1 > "$WORK/load.json" &
LOADER=$!
while kill -0 $LOADER 2>/dev/null; do
  sleep 30
  echo "$(date -u +%T) heap in use: $(jcmd "$SERVER" GC.heap_info 2>/dev/null | awk '/used/ {print $0; exit}' | sed 's/^ *//')"
done
wait $LOADER
cat "$WORK/load.json"
heap1=$(live_heap)
echo "live heap after: ${heap1} MB"
errors=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["errors"])' "$WORK/load.json")
stored=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("stored", 0))' "$WORK/load.json")
[ "$errors" = 0 ] || problem "$errors wrong answers"
[ "$heap1" -le $(( heap0 * 3 / 2 + 16 )) ] || problem "live heap grew from $heap0 MB to $heap1 MB"
check_delivered "$stored" 300
finish
