#!/usr/bin/env bash
# kill -9 of an export (the CLI command, beside the server) at random moments while it writes, validates or
# publishes: the published file stays served and intact (its bytes hash to its ETag; gzip is whole), and the
# killed runs' scratch files are gone after the next start.
# Usage: scripts/chaos/kill-export.sh [--short]
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --short ]; then JOURNEYS=20000; KILLS=2; else JOURNEYS=${CHAOS_JOURNEYS:-200000}; KILLS=5; fi
EXTRA_ENV="RDEX_DEMO_JOURNEYS=$JOURNEYS"
start_server
wait_file 600 || problem "no file published"
read -r etag sha status < <(file_state)
[ "$etag" = "$sha" ] || problem "published file does not hash to its ETag"
for k in $(seq 1 $KILLS); do
  cli_bg export
  pid=$!
  # Once the run writes its scratch file, a random moment of writing, validating or publishing.
  for _ in $(seq 1 600); do
    [ -n "$(find "$WORK/data/export" -path "*proc-$pid-*" -name 'run-*' 2>/dev/null)" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  delay=$(python3 -c 'import random; print(round(random.uniform(0, 6), 1))')
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  read -r etag sha status < <(file_state)
  echo "export killed ${delay}s into its run; file: HTTP $status, ETag ${etag:0:12}…"
  [ "$status" = 200 ] && [ "$etag" = "$sha" ] || problem "file not intact after a killed export"
  gzip -t "$WORK/file.gz" 2>/dev/null || problem "served file is not a whole gzip"
done
left=$(find "$WORK/data/export" -name 'run-*' | wc -l)
echo "scratch files left by killed exports: $left"
kill "$SERVER"; wait "$SERVER" 2>/dev/null
start_server
left=$(find "$WORK/data/export" -name 'run-*' | wc -l)
[ "$left" = 0 ] || problem "$left scratch files still there after a restart"
finish
