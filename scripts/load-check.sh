#!/usr/bin/env bash
# Load check for `baogao serve`: 50 concurrent clients on loopback for 20 s against
# /api/search with a few queries (wrk, from Debian's packages). Prints requests/s and the
# p50/p99 latency, and fails when any request errs or answers other than 200.
#
#   scripts/load-check.sh                 # builds the release binary, indexes corpus/
#   CONNECTIONS=50 DURATION=20s scripts/load-check.sh
#
# Only 127.0.0.1 is ever loaded; the server and the index are temporary and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}

if ! command -v wrk >/dev/null; then
    echo "load-check: wrk is not installed (apt-get install -y wrk)" >&2
    exit 2
fi

swift build -c release --product baogao >/dev/null
binary=.build/release/baogao

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -INT "$server"
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$binary" index corpus --index "$work/index.sqlite" --quiet
"$binary" serve --index "$work/index.sqlite" --port 0 >"$work/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -n 1 || true)
    [ -n "$url" ] && break
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "load-check: the server did not start:" >&2
    cat "$work/serve.log" >&2
    exit 1
fi

# Each request takes the next query: a phrase, an OR, a filter, a one-character term.
cat >"$work/queries.lua" <<'LUA'
local paths = {
  "/api/search?q=%E4%B8%87%E4%BA%BA%E5%8A%A9%E4%B8%87%E4%BC%81",
  "/api/search?q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4%20OR%20%E4%B9%A1%E6%9D%91%E5%85%A8%E9%9D%A2%E6%8C%AF%E5%85%B4",
  "/api/search?q=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83%20year%3A2023",
  "/api/search?q=%E5%85%9A&limit=20",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA

curl -sf "${url}api/search?q=%E5%85%9A" >/dev/null   # warm up: first reads fill SQLite's caches
echo "load-check: $CONNECTIONS connections, $THREADS threads, $DURATION against ${url}api/search"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/queries.lua" "$url" | tee "$work/wrk.txt"

p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")
p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
rps=$(awk '$1 == "Requests/sec:" { print $2 }' "$work/wrk.txt")
requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
if grep -q -e "Socket errors" -e "Non-2xx or 3xx responses" "$work/wrk.txt"; then
    echo "load-check: FAILED: errors under load (see above)" >&2
    exit 1
fi
echo "load-check: ok: $requests requests, 0 errors, $rps requests/s, p50 $p50, p99 $p99"
