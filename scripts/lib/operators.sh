# Helpers shared by the end-to-end scripts that run operators from the packaged jar (two-operators.sh,
# operator-walkthrough.sh). Sourced, not run; they use $WORK (a scratch directory) and set nothing else.

# True when nothing listens on 127.0.0.1:$1.
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# A free port below Linux's ephemeral range (32768-60999), so that no outgoing connection holds it later.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 12000 ))
    if port_free "$port" && python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$port" 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  return 1
}

# Waits until $1 answers (any HTTP status when $3 is "any", else 2xx), at most $2 seconds.
wait_http() {
  local limit=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$limit" ]; do
    if [ "${3:-}" = any ]; then
      [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" != 000 ] && return 0
    else
      curl -sf -o /dev/null "$1" 2>/dev/null && return 0
    fi
    sleep 0.5
  done
  return 1
}

# A platform's webhook receiver on 127.0.0.1:$1: appends every delivery's JSON body to $2, one per line.
# Prints nothing; $! is its pid.
start_webhook() {
  python3 - "$1" "$2" <<'PY' &
import http.server, sys
port, out = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with open(out, 'ab') as f:
            f.write(body + b'\n')
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', port), H).serve_forever()
PY
}

# PUT one journey through the platform API and print its published uuid.
# Args: platform-token https-port external-id city-from lat lon city-to lat lon owner-email insee-from insee-to site
put_journey() {
  curl -sk -X PUT -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    "https://127.0.0.1:$2/api/v1/journeys/$3" --data-binary @- <<JSON | tee -a "$WORK/journeys.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])'
{"from": {"city": "$4", "insee": "${11}", "lat": $5, "lon": $6, "country": "France"},
 "to": {"city": "$7", "insee": "${12}", "lat": $8, "lon": $9},
 "role": "driver", "frequency": "punctual", "distanceKm": 31.5, "durationMinutes": 35, "pseudonym": "driver-$3",
 "url": "https://${13}/trajets/$3", "seats": 3,
 "punctual": {"date": "2099-03-01", "minTime": "08:00", "maxTime": "08:30"},
 "owner": {"ref": "user-$3", "email": "${10}"}}
JSON
}

# Signs in to the console at http://127.0.0.1:$1 with admin token $2; the session lands in cookie jar $3.
console_sign_in() {
  local page csrf
  page=$(curl -s -c "$3" "http://127.0.0.1:$1/console/login")
  csrf=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  [ -n "$csrf" ] || return 1
  [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$3" -c "$3" --data-urlencode "_csrf=$csrf" \
      --data-urlencode "token=$2" "http://127.0.0.1:$1/console/login")" = 303 ]
}

# Prints a console page (cookie jar $2) and fails unless it rendered: 200, not the console's error page.
console_page() {
  local out status
  out=$(mktemp "$WORK/page-XXXX")
  status=$(curl -s -o "$out" -w '%{http_code}' -b "$2" "http://127.0.0.1:$1$3")
  cat "$out"
  [ "$status" = 200 ] && ! grep -q "Something went wrong" "$out"
}
