#!/usr/bin/env bash
# Load check for `baogao serve`: 50 concurrent clients on loopback for 20 s against
# /api/search with a few queries (wrk, from Debian's packages), once without logins and once
# with them (a users file made with `htpasswd -B`, every request carrying the login), side by
# side. Prints requests/s and the p50/p99 latency of each, and fails when any request errs or
# answers other than 200.
#
#   scripts/load-check.sh                 # builds the release binary, indexes corpus/
#   CONNECTIONS=50 DURATION=20s scripts/load-check.sh
#   LOGINS=on scripts/load-check.sh       # only with logins (off: only without)
#   BUILD_PATH=.build-release scripts/load-check.sh   # another build folder
#   BINARY=.build/debug/baogao scripts/load-check.sh  # a binary already built (no build)
#   INDEX=/tmp/bench/baogao.sqlite scripts/load-check.sh  # an existing index (e.g. the bench's 1 GB)
#
# Only 127.0.0.1 is ever loaded; the server and the index (unless INDEX names one) are
# temporary and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
LOGINS=${LOGINS:-both}
BUILD_PATH=${BUILD_PATH:-.build}

for tool in wrk htpasswd curl; do
    if ! command -v "$tool" >/dev/null; then
        echo "load-check: $tool is not installed (apt-get install -y wrk apache2-utils curl)" >&2
        exit 2
    fi
done

if [ -n "${BINARY:-}" ]; then
    binary=$BINARY
else
    swift build -c release --product baogao --scratch-path "$BUILD_PATH" >/dev/null
    binary=$BUILD_PATH/release/baogao
fi

work=$(mktemp -d)
server=""
stop_server() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -INT "$server"
        wait "$server" 2>/dev/null || true
    fi
    server=""
}
cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${INDEX:-}" ]; then
    index=$INDEX
else
    index=$work/index.sqlite
    "$binary" index corpus --index "$index" --quiet
fi
htpasswd -B -b -c "$work/users.htpasswd" loadcheck "load check password" 2>/dev/null

# Each request takes the next query: a phrase, an OR, a filter, a one-character term, and
# which units mention a common word.
cat >"$work/queries.lua" <<'LUA'
local paths = {
  "/api/search?q=%E4%B8%87%E4%BA%BA%E5%8A%A9%E4%B8%87%E4%BC%81",
  "/api/search?q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4%20OR%20%E4%B9%A1%E6%9D%91%E5%85%A8%E9%9D%A2%E6%8C%AF%E5%85%B4",
  "/api/search?q=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83%20year%3A2023",
  "/api/search?q=%E5%85%9A&limit=20",
  "/api/units?q=%E5%8F%91%E5%B1%95",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA

# run_one NAME [serve options…]: starts the server, loads it, stops it; prints one summary line.
run_one() {
    local name=$1
    shift
    "$binary" serve --index "$index" --port 0 "$@" >"$work/serve-$name.log" 2>&1 &
    server=$!
    local url=""
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve-$name.log" | head -n 1 || true)
        [ -n "$url" ] && break
        sleep 0.1
    done
    if [ -z "$url" ]; then
        echo "load-check: the server did not start:" >&2
        cat "$work/serve-$name.log" >&2
        exit 1
    fi
    local header=()
    local curl_login=()
    if [ "$name" = "logins" ]; then
        header=(-H "Authorization: Basic $(printf '%s' 'loadcheck:load check password' | base64)")
        curl_login=(-u 'loadcheck:load check password')
    fi
    curl -sf "${curl_login[@]}" "${url}api/search?q=%E5%85%9A" >/dev/null   # warm up: SQLite's caches
    echo "load-check ($name): $CONNECTIONS connections, $THREADS threads, $DURATION against ${url}api/search"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" -s "$work/queries.lua" "$url" \
        | tee "$work/wrk-$name.txt"
    local peak
    peak=$(awk '$1 == "VmHWM:" { printf "%d MB", $2 / 1024 }' "/proc/$server/status" 2>/dev/null || echo "?")
    # Of the memory resident at the end: the process's own, and pages of the index file that
    # SQLite maps (the kernel's page cache, shared and dropped under memory pressure).
    awk '$1 == "RssAnon:" { a = $2 } $1 == "RssFile:" { f = $2 } END { if (a != "") printf "load-check (%s): resident at the end: %d MB own, %d MB of mapped files\n", name, a / 1024, f / 1024 }' \
        name="$name" "/proc/$server/status" 2>/dev/null || true
    stop_server
    if grep -q -e "Socket errors" -e "Non-2xx or 3xx responses" "$work/wrk-$name.txt"; then
        echo "load-check ($name): FAILED: errors under load (see above)" >&2
        exit 1
    fi
    local p50 p99 rps requests
    p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk-$name.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$name.txt")
    rps=$(awk '$1 == "Requests/sec:" { print $2 }' "$work/wrk-$name.txt")
    requests=$(awk '/requests in/ { print $1 }' "$work/wrk-$name.txt")
    echo "$name $requests $rps $p50 $p99 ${peak// /}" >>"$work/summary.txt"
}

case "$LOGINS" in
    off) run_one "no-logins" ;;
    on) run_one "logins" --users "$work/users.htpasswd" ;;
    *) run_one "no-logins"; run_one "logins" --users "$work/users.htpasswd" ;;
esac

echo
printf 'load-check: %-10s %10s %10s %10s %10s %10s\n' "" "requests" "req/s" "p50" "p99" "peak RSS"
while read -r name requests rps p50 p99 peak; do
    printf 'load-check: %-10s %10s %10s %10s %10s %10s\n' "$name" "$requests" "$rps" "$p50" "$p99" "$peak"
done <"$work/summary.txt"
echo "load-check: ok: 0 errors"
