#!/usr/bin/env bash
# All fault scripts, one after the other; --short is the CI version (a few minutes), without it the long one.
# Usage: scripts/chaos/run-all.sh [--short]      (exit 0 when every verdict is PASS)
cd "$(dirname "$0")"
failed=0
for s in db-outage kill-relay kill-export kill-import disk-full soak; do
  log=$(mktemp)
  if bash "./$s.sh" "$@" > "$log" 2>&1; then
    grep -E 'VERDICT|PROBLEM|delivered|back after|killed|heap|journeys|full|\{' "$log"
  else
    failed=1
    cat "$log"
  fi
  rm -f "$log"
done
exit $failed
