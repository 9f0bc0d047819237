#!/usr/bin/env bash
# Screenshots of the operator console's main pages into docs/, taken in headless Chromium by the console's
# browser tests (ConsoleBrowserTest, and HistoryBrowserTest which seeds a week of history for its History and
# Audit screenshots; with -Dconsole.screenshots=DIR) against a test server on an embedded PostgreSQL. Needs
# chromium and chromium-driver (apt-get install -y chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
export out="${1:-docs/screenshots}"   # exported: run() executes in the bash that flock starts
mkdir -p "$out"
export CI=true   # fail rather than skip when the browser is missing
lock=/tmp/rdex-test.lock
run() { ./mvnw -B -o -q test -Dtest=ConsoleBrowserTest,HistoryBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dconsole.screenshots="$PWD/$out"; }
if command -v flock >/dev/null 2>&1; then
    export -f run
    flock "$lock" bash -c run
else
    run
fi
ls -1 "$out"/console-*.png
