#!/usr/bin/env bash
# Parley benchmark: starts the server with $PARLEY_START, then for each mode (TLS, no TLS):
#   1. memory: heap (after a full GC) and RSS before and after SESSIONS idle authenticated sessions;
#   2. logins per second (and server CPU per login) while opening those sessions;
#   3. messages per second at saturation (pairs, a window of in-flight messages per sender);
#   4. p50/p99 one-to-one delivery latency at half that rate.
# Prints per-session figures and a summary; everything is kept under $OUT.
#
#   cd load && mvn -B -q package
#   PARLEY_START='<command that starts the server in the foreground>' ./bench.sh
#   PARLEY_START="$PWD/smoke-server.sh 10000" SERVER_READY_PATTERN='SMOKE SERVER READY' ./bench.sh   # try-out
#
# The server is started once per mode with these environment overrides (the server reads PARLEY_*
# variables over its config file): PARLEY_C2S_REQUIRE_TLS=true|false, PARLEY_C2S_PORT, and
# connection limits lifted (all connections come from one address). Accounts USERS (load0, load1,
# ...) with PASSWORD must exist, or set REGISTER=1 (needs the server's in-band registration).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
: "${PARLEY_START:?set PARLEY_START to the command that starts the server (in the foreground)}"
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5222}
DOMAIN=${DOMAIN:-localhost}
USERS=${USERS:-load%d}
PASSWORD=${PASSWORD:-load-password}
SESSIONS=${SESSIONS:-10000}
MSG_SESSIONS=${MSG_SESSIONS:-200}
WINDOW=${WINDOW:-10}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-20s}
LOGIN_CONCURRENCY=${LOGIN_CONCURRENCY:-100}
MODES=${MODES:-tls plain}
REGISTER=${REGISTER:-0}
SETTLE=${SETTLE:-5}
START_TIMEOUT=${START_TIMEOUT:-180}
SERVER_READY_PATTERN=${SERVER_READY_PATTERN:-}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:--Xms3g -Xmx3g -XX:+AlwaysPreTouch -XX:+UseG1GC}
OUT=${OUT:-$here/target/bench-$(date +%Y%m%d-%H%M%S)}
JAR=$here/target/parley-load.jar

export PARLEY_C2S_PORT=$PORT
export PARLEY_C2S_MAX_CONNECTIONS_PER_IP=${PARLEY_C2S_MAX_CONNECTIONS_PER_IP:-1000000}
export PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP=${PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP:-1000000}
export PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND=${PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND:-1000000}

[ -f "$JAR" ] || { echo "no $JAR: build first (cd load && mvn -B -q package)" >&2; exit 1; }
mkdir -p "$OUT"
ulimit -n 100000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
CLK_TCK=$(getconf CLK_TCK)

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# First value of a key in the JSON line of a scenario in a file: json_field FILE SCENARIO KEY
json_field() {
  { grep "\"scenario\":\"$2\"" "$1" || true; } | tail -1 | sed -n "s/.*\"$3\":\([^,}]*\).*/\1/p" | tr -d '"'
}

# The human summary lines of a tool output file, indented.
show() { { grep -v '^{' "$1" || true; } | sed 's/^/  /' >&2; }

# The java process among PID and its descendants (PARLEY_START may be a wrapper script).
java_pid() {
  local pid=$1 child
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ]; then echo "$pid"; return 0; fi
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    if java_pid "$child"; then return 0; fi
  done
  return 1
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

START_PID=""
SERVER_PID=""
TOOL_PID=""

start_server() {
  local mode=$1 require_tls=true
  [ "$mode" = plain ] && require_tls=false
  log "starting the server ($mode, c2s.require_tls=$require_tls): $PARLEY_START"
  PARLEY_C2S_REQUIRE_TLS=$require_tls bash -c "$PARLEY_START" >"$OUT/server-$mode.log" 2>&1 &
  START_PID=$!
  local waited=0
  until port_open && { [ -z "$SERVER_READY_PATTERN" ] || grep -q "$SERVER_READY_PATTERN" "$OUT/server-$mode.log"; }; do
    kill -0 "$START_PID" 2>/dev/null || { log "the server exited; see $OUT/server-$mode.log"; exit 1; }
    [ "$waited" -lt "$START_TIMEOUT" ] || { log "the server did not come up in $START_TIMEOUT s"; stop_server; exit 1; }
    sleep 1; waited=$((waited + 1))
  done
  SERVER_PID=$(java_pid "$START_PID") || { log "no java process under PID $START_PID"; stop_server; exit 1; }
  log "server up: java PID $SERVER_PID"
}

stop_server() {
  local pid
  for pid in $SERVER_PID $START_PID; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    kill -0 "$START_PID" 2>/dev/null || kill -0 "${SERVER_PID:-$START_PID}" 2>/dev/null || break
    sleep 1
  done
  for pid in $SERVER_PID $START_PID; do kill -9 "$pid" 2>/dev/null || true; done
  wait "$START_PID" 2>/dev/null || true
  START_PID=""; SERVER_PID=""
}

cleanup() {
  [ -n "$TOOL_PID" ] && kill "$TOOL_PID" 2>/dev/null || true
  [ -n "$START_PID" ] && stop_server
}
trap cleanup EXIT

# Server CPU time so far, in milliseconds.
server_cpu_ms() {
  awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tck) }' "/proc/$SERVER_PID/stat"
}

# Heap in use after a full GC, in KiB, summed over the generations GC.heap_info lists.
server_heap_kb() {
  jcmd "$SERVER_PID" GC.run >/dev/null
  sleep 1
  jcmd "$SERVER_PID" GC.heap_info | awk '
    /Metaspace|class space/ { next }
    { line = $0
      while (match(line, /used [0-9]+[KMG]/)) {
        v = substr(line, RSTART + 5, RLENGTH - 6); u = substr(line, RSTART + RLENGTH - 1, 1)
        total += (u == "K") ? v : (u == "M") ? v * 1024 : v * 1048576
        line = substr(line, RSTART + RLENGTH) } }
    END { print total + 0 }'
}

server_rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status"; }

common_args() {
  local mode=$1
  echo "--host $HOST --port $PORT --domain $DOMAIN --user $USERS --password $PASSWORD --login-concurrency $LOGIN_CONCURRENCY $([ "$mode" = plain ] && echo --no-tls || echo --tls)"
}

run_mode() {
  local mode=$1 args register=""
  args=$(common_args "$mode")
  [ "$REGISTER" = 1 ] && register=--register
  start_server "$mode"

  local heap0 rss0 cpu0 cpu1 heap1 rss1
  heap0=$(server_heap_kb); rss0=$(server_rss_kb)
  log "$mode: before: heap ${heap0} KiB, RSS ${rss0} KiB; opening $SESSIONS sessions"
  cpu0=$(server_cpu_ms)
  # shellcheck disable=SC2086
  java $LOAD_JAVA_OPTS -jar "$JAR" connect $args $register -n "$SESSIONS" --hold 4h >"$OUT/connect-$mode.out" 2>"$OUT/connect-$mode.err" &
  TOOL_PID=$!
  until grep -q '^READY' "$OUT/connect-$mode.out" 2>/dev/null; do
    kill -0 "$TOOL_PID" 2>/dev/null || { log "the load tool exited early; see $OUT/connect-$mode.*"; exit 1; }
    sleep 1
  done
  cpu1=$(server_cpu_ms)
  sleep "$SETTLE"
  heap1=$(server_heap_kb); rss1=$(server_rss_kb)
  kill "$TOOL_PID" 2>/dev/null || true; wait "$TOOL_PID" 2>/dev/null || true; TOOL_PID=""
  show "$OUT/connect-$mode.out"

  local up logins_s
  up=$(json_field "$OUT/connect-$mode.out" login succeeded)
  logins_s=$(json_field "$OUT/connect-$mode.out" login per_second)
  [ "${up:-0}" -gt 0 ] || { log "no session came up"; exit 1; }

  log "$mode: messages at saturation ($MSG_SESSIONS sessions, window $WINDOW)"
  sleep 2
  # shellcheck disable=SC2086
  java $LOAD_JAVA_OPTS -jar "$JAR" messages $args -n "$MSG_SESSIONS" --window "$WINDOW" --warmup "$WARMUP" --duration "$DURATION" \
    >"$OUT/saturate-$mode.out" 2>"$OUT/saturate-$mode.err" || true
  show "$OUT/saturate-$mode.out"
  local msgs half
  msgs=$(json_field "$OUT/saturate-$mode.out" messages msgs_per_s)
  half=$(awk -v m="${msgs:-0}" 'BEGIN { printf "%d", m / 2 }')
  [ "$half" -gt 0 ] || { log "no messages got through at saturation"; exit 1; }

  log "$mode: latency at half rate ($half msgs/s)"
  # shellcheck disable=SC2086
  java $LOAD_JAVA_OPTS -jar "$JAR" messages $args -n "$MSG_SESSIONS" --rate "$half" --warmup "$WARMUP" --duration "$DURATION" \
    >"$OUT/rate-$mode.out" 2>"$OUT/rate-$mode.err" || true
  show "$OUT/rate-$mode.out"
  stop_server

  local f="$OUT/rate-$mode.out"
  awk -v mode="$mode" -v up="$up" -v n="$SESSIONS" -v h0="$heap0" -v h1="$heap1" -v r0="$rss0" -v r1="$rss1" \
      -v cpu="$((cpu1 - cpu0))" -v ls="$logins_s" -v msgs="$msgs" -v half="$half" \
      -v p50="$(json_field "$f" messages latency_p50_us)" -v p99="$(json_field "$f" messages latency_p99_us)" \
      -v lost="$(json_field "$f" messages lost)" 'BEGIN {
    hs = (h1 - h0) * 1024 / up; rs = (r1 - r0) * 1024 / up
    printf "%-5s sessions %d/%d  heap/session %.0f B  RSS/session %.0f B  logins/s %.1f  server CPU/login %.2f ms  msgs/s %.0f  at %d/s: p50 %.2f ms p99 %.2f ms lost %d\n",
      mode, up, n, hs, rs, ls, cpu / up, msgs, half, p50 / 1000, p99 / 1000, lost >> "'"$OUT/summary.txt"'"
    printf "{\"mode\":\"%s\",\"sessions\":%d,\"heap_before_kb\":%d,\"heap_after_kb\":%d,\"rss_before_kb\":%d,\"rss_after_kb\":%d,\"heap_per_session_b\":%.0f,\"rss_per_session_b\":%.0f,\"logins_per_s\":%.1f,\"server_cpu_ms_per_login\":%.3f,\"msgs_per_s\":%.0f,\"half_rate\":%d,\"latency_p50_us\":%d,\"latency_p99_us\":%d,\"lost\":%d}\n",
      mode, up, h0, h1, r0, r1, hs, rs, ls, cpu / up, msgs, half, p50, p99, lost >> "'"$OUT/summary.json"'"
  }'
}

log "results go to $OUT"
for mode in $MODES; do
  run_mode "$mode"
done
echo
echo "Parley benchmark ($(nproc) cores; tool and server on one machine; see $OUT)"
cat "$OUT/summary.txt"
