#!/usr/bin/env bash
# Stream management (XEP-0198) benchmark on one machine: starts one Parley node (plain TCP, H2 file
# database in a temporary directory, in-band registration on, connection limits lifted), creates
# the load accounts, then measures with the load tool's messages scenario, without and with --sm:
#   1. msgs/s at saturation (WINDOW messages in flight per sender);
#   2. p50/p99 delivery latency at a fixed rate, half the saturation rate without SM (the same rate
#      for both, so the latencies compare); with --sm also the ack latency (message sent to the
#      server's <a/> covering it; a sender asks with every SM_REQUEST_EVERY-th message).
# A discarded run with --sm first warms the server's JIT up for both paths. Prints a table;
# everything (config, server log, tool outputs, summary.txt, summary.json) is kept under $OUT.
#
#   mvn -B -q -o install -DskipTests          # at the top level: server/target/parley.jar and lib/
#   cd load && mvn -B -q -o package && ./sm-bench.sh
#
# Settings by environment: SESSIONS (200), WINDOW (10), WARMUP (5s), DURATION (20s), DRAIN (10s),
# RATE (the fixed rate; default half the saturation rate without SM), ROUNDS (1: each measurement
# once; 2 or more repeat the four runs, alternating), EXTRA_RATES (more fixed rates to run without and
# with SM, e.g. "10000 20000"), SM_REQUEST_EVERY (1), JIT_WARMUP (1; 0 skips
# the discarded run), C2S_PORT (15242), SERVER_JAVA_OPTS (-Xms1g -Xmx1g), LOAD_JAVA_OPTS,
# START_TIMEOUT (180 s), PARLEY_HOME (the checkout), OUT. Other PARLEY_* variables reach the server
# as config overrides (e.g. PARLEY_C2S_MAX_UNACKED_STANZAS=500).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
PARLEY_HOME=${PARLEY_HOME:-$(cd "$here/.." && pwd)}
DOMAIN=${DOMAIN:-localhost}
USERS=${USERS:-smload%d}
PASSWORD=${PASSWORD:-load-password}
SESSIONS=${SESSIONS:-200}
WINDOW=${WINDOW:-10}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-20s}
DRAIN=${DRAIN:-10s}
ROUNDS=${ROUNDS:-1}
EXTRA_RATES=${EXTRA_RATES:-}
SM_REQUEST_EVERY=${SM_REQUEST_EVERY:-1}
JIT_WARMUP=${JIT_WARMUP:-1}
C2S_PORT=${C2S_PORT:-15242}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms1g -Xmx1g}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC}
START_TIMEOUT=${START_TIMEOUT:-180}
OUT=${OUT:-$here/target/sm-bench-$(date +%Y%m%d-%H%M%S)}
JAR=$here/target/parley-load.jar

export PARLEY_C2S_MAX_CONNECTIONS_PER_IP=${PARLEY_C2S_MAX_CONNECTIONS_PER_IP:-1000000}
export PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP=${PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP:-1000000}
export PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND=${PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND:-1000000}

[ -f "$JAR" ] || { echo "no $JAR: build first (cd load && mvn -B -q package)" >&2; exit 1; }
[ -f "$PARLEY_HOME/server/target/parley.jar" ] || { echo "no server build: mvn -B -q install -DskipTests at the top level" >&2; exit 1; }
mkdir -p "$OUT"
ulimit -n 100000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
CLK_TCK=$(getconf CLK_TCK)
DATA=$(mktemp -d "${TMPDIR:-/tmp}/parley-sm-bench.XXXXXX")

log() { echo "[sm-bench $(date +%H:%M:%S)] $*" >&2; }

SERVER_PID=""
TOOL_PID=""

stop_server() {
  local pid=$SERVER_PID
  [ -n "$pid" ] || return 0
  SERVER_PID=""
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  if [ -n "$TOOL_PID" ]; then kill "$TOOL_PID" 2>/dev/null || true; wait "$TOOL_PID" 2>/dev/null || true; fi
  stop_server
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server's jars are copied once, so a build elsewhere cannot change them under the running node.
SERVER_LIB=$OUT/server-lib
mkdir -p "$SERVER_LIB"
cp "$PARLEY_HOME/server/target/parley.jar" "$PARLEY_HOME"/server/target/lib/*.jar "$SERVER_LIB/"

cat >"$OUT/node.yml" <<EOF
# Single node of the stream management benchmark (written by sm-bench.sh).
server:
  domains: [$DOMAIN]
  data_dir: $DATA/data
http:
  address: 127.0.0.1
  port: 0
s2s:
  address: 127.0.0.1
  port: 0
  direct_tls_port: -1
management:
  address: 127.0.0.1
  port: 0

c2s:
  address: 127.0.0.1
  port: $C2S_PORT
  direct_tls_port: -1
  require_tls: false
  idle_timeout: 10m
auth:
  scram_iterations: 4096
storage:
  backend: h2
  url: "jdbc:h2:file:$DATA/db/parley"
register:
  allow_registration: true
  registrations_per_address: 0
EOF

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() {
  local waited=0
  log "starting the server (c2s 127.0.0.1:$C2S_PORT, plain TCP, H2 under $DATA)"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -Dlogback.configurationFile="$PARLEY_HOME/conf/logback.xml" -cp "$SERVER_LIB/*" \
    im.parley.server.Main start --config "$OUT/node.yml" >"$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  until port_open "$C2S_PORT" && grep -q 'serving' "$OUT/server.log"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited; see $OUT/server.log"; tail -20 "$OUT/server.log" >&2; exit 1; }
    [ "$waited" -lt "$START_TIMEOUT" ] || { log "the server did not come up in $START_TIMEOUT s"; exit 1; }
    sleep 1; waited=$((waited + 1))
  done
  log "server up: PID $SERVER_PID"
}

cpu_ms() { awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tck) }' "/proc/$1/stat"; }

# CPU time the whole machine spent busy so far (every process, this benchmark's and any other), in ms.
machine_busy_ms() { awk -v tck="$CLK_TCK" '/^cpu / { print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / tck) }' /proc/stat; }

json_field() {
  { grep "\"scenario\":\"$2\"" "$1" || true; } | tail -1 | sed -n "s/.*\"$3\":\([^,}]*\).*/\1/p" | tr -d '"'
}

# unread_streams NAME: the tool has exited, so every stream is closed on its side; a server socket
# still open a few seconds later with bytes in its receive queue is one the server stopped reading
# from (ESTABLISHED when the queue is full and the tool's FIN cannot get in, else CLOSE-WAIT).
unread_streams() {
  sleep 3
  ss -tn "( sport = :$C2S_PORT )" 2>/dev/null | awk 'NR > 1 && $1 != "TIME-WAIT" && $2 > 0' >"$OUT/$1.unread" || true
  if [ -s "$OUT/$1.unread" ]; then
    echo "server streams left unread after the tool exited: $(wc -l <"$OUT/$1.unread") (data queued; $1.unread)" >>"$OUT/$1.out"
  else
    rm -f "$OUT/$1.unread"
  fi
}

# mfield FILE KEY: a field of the messages line.
mfield() { json_field "$1" messages "$2"; }

# CHILDREN_MS: CPU time of this script's finished children (the tool runs), in ms, from the shell's
# 'times' (run in this shell, not a subshell, which would only see its own children).
children_cpu() {
  times >"$OUT/.times"
  CHILDREN_MS=$(sed -n 2p "$OUT/.times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60000 + p[2] * 1000 } print int(t) }')
}

# load NAME ARGS...: runs the tool in the foreground, noting the CPU time of the server, the tool and
# the whole machine around it (what neither used went to other processes: a busy neighbour shows there).
load() {
  local name=$1 s1 s2 m1 m2 c1 c2 t0 t1
  shift
  children_cpu; c1=$CHILDREN_MS
  s1=$(cpu_ms "$SERVER_PID"); m1=$(machine_busy_ms); t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $LOAD_JAVA_OPTS -jar "$JAR" "$@" --host 127.0.0.1 --port "$C2S_PORT" --domain "$DOMAIN" --user "$USERS" \
    --password "$PASSWORD" --no-tls >"$OUT/$name.out" 2>"$OUT/$name.err" &
  TOOL_PID=$!
  wait "$TOOL_PID" || true
  TOOL_PID=""
  kill -0 "$SERVER_PID" 2>/dev/null || { log "the server died during $name; see $OUT/server.log"; exit 1; }
  s2=$(cpu_ms "$SERVER_PID"); m2=$(machine_busy_ms); t1=$(date +%s%N)
  children_cpu; c2=$CHILDREN_MS
  awk -v s="$((s2 - s1))" -v c="$((c2 - c1))" -v m="$((m2 - m1))" -v t="$(((t1 - t0) / 1000000))" -v n="$(nproc)" \
    'BEGIN { o = (m - s - c) / t; if (o < 0) o = 0
      printf "CPU over the whole run (logins included): server %.2f cores, tool %.2f, others %.2f; machine busy %.2f of %d cores\n", s / t, c / t, o, m / t, n
      printf "{\"scenario\":\"cpu\",\"server_cores\":%.2f,\"tool_cores\":%.2f,\"other_cores\":%.2f,\"machine_busy_cores\":%.2f}\n", s / t, c / t, o, m / t }' \
    >>"$OUT/$name.out"
  unread_streams "$name"
  { grep -v '^{' "$OUT/$name.out" || true; } | sed 's/^/  /' >&2
}

messages() {
  local name=$1
  shift
  load "$name" messages -n "$SESSIONS" --warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" \
    --sm-request-every "$SM_REQUEST_EVERY" "$@"
}

sm_arg() { if [ "$1" = on ]; then echo --sm; fi; }

log "results go to $OUT ($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
start_server

log "creating $SESSIONS accounts ($USERS) by in-band registration"
load register connect -n "$SESSIONS" --register --hold 0s
[ "$(json_field "$OUT/register.out" register failed)" = 0 ] || { log "registration failed; see $OUT/register.out"; exit 1; }

if [ "$JIT_WARMUP" = 1 ]; then
  log "JIT warm-up (discarded): saturation with --sm for 10 s"
  load jit-warmup messages -n "$SESSIONS" --warmup 0s --duration 10s --drain "$DRAIN" --window "$WINDOW" --sm
fi

half=${RATE:-}
for round in $(seq 1 "$ROUNDS"); do
  # Alternate which goes first, so a drift in the machine's load does not favour one side.
  order="off on"; [ $((round % 2)) = 0 ] && order="on off"
  for sm in $order; do
    log "round $round, SM $sm: saturation (window $WINDOW)"
    # shellcheck disable=SC2046
    messages "saturate-$sm-$round" --window "$WINDOW" $(sm_arg "$sm")
  done
  if [ -z "$half" ]; then
    sat=$(json_field "$OUT/saturate-off-1.out" messages msgs_per_s)
    half=$(awk -v m="${sat:-0}" 'BEGIN { printf "%d", m / 2 }')
    [ "$half" -gt 0 ] || { log "no message delivered at saturation"; exit 1; }
  fi
  for sm in $order; do
    log "round $round, SM $sm: latency at $half msgs/s (half the saturation rate without SM)"
    # shellcheck disable=SC2046
    messages "rate-$sm-$round" --rate "$half" $(sm_arg "$sm")
  done
done
for extra in $EXTRA_RATES; do
  for sm in off on; do
    log "SM $sm: latency at $extra msgs/s (EXTRA_RATES)"
    # shellcheck disable=SC2046
    messages "extra-$sm-$extra" --rate "$extra" $(sm_arg "$sm")
  done
done

# Log lines up to here are the runs'; what the server logs while stopping is not a problem.
run_lines=$(wc -l <"$OUT/server.log")
stop_server

# row SM ROUND: one table line and one JSON line from the saturation and rate outputs.
row() {
  local sat="$OUT/saturate-$1-$2.out" rate="$OUT/rate-$1-$2.out"
  awk -v sm="$1" -v round="$2" -v msgs="$(mfield "$sat" msgs_per_s)" -v slost="$(mfield "$sat" lost)" \
      -v sdisc="$(mfield "$sat" disconnects)" -v sack50="$(mfield "$sat" ack_latency_p50_us)" -v sack99="$(mfield "$sat" ack_latency_p99_us)" \
      -v half="$half" -v achieved="$(mfield "$rate" sent_per_s)" -v p50="$(mfield "$rate" latency_p50_us)" \
      -v p99="$(mfield "$rate" latency_p99_us)" -v ack50="$(mfield "$rate" ack_latency_p50_us)" -v ack99="$(mfield "$rate" ack_latency_p99_us)" \
      -v rlost="$(mfield "$rate" lost)" -v runacked="$(mfield "$rate" unacked)" -v rdisc="$(mfield "$rate" disconnects)" \
      -v soth="$(json_field "$sat" cpu other_cores)" -v roth="$(json_field "$rate" cpu other_cores)" 'BEGIN {
    printf "%-3s %5d %9.0f %5d %5d %8s %8s %5.2f | %6d %8.0f %7.2f %7.2f %8s %8s %5d %7s %5d %5.2f\n", sm, round, msgs,
      slost, sdisc, sack50 == "" ? "-" : sprintf("%.2f", sack50 / 1000), sack99 == "" ? "-" : sprintf("%.2f", sack99 / 1000),
      soth, half, achieved, p50 / 1000, p99 / 1000,
      ack50 == "" ? "-" : sprintf("%.2f", ack50 / 1000), ack99 == "" ? "-" : sprintf("%.2f", ack99 / 1000),
      rlost, runacked == "" ? "-" : runacked, rdisc, roth >> "'"$OUT/summary.txt"'"
    printf "{\"sm\":%s,\"round\":%d,\"msgs_per_s\":%.0f,\"saturate_lost\":%d,\"saturate_disconnects\":%d,\"saturate_ack_p50_us\":%s,\"saturate_ack_p99_us\":%s,\"saturate_other_cores\":%.2f,\"rate\":%d,\"rate_achieved\":%.0f,\"latency_p50_us\":%d,\"latency_p99_us\":%d,\"ack_latency_p50_us\":%s,\"ack_latency_p99_us\":%s,\"rate_lost\":%d,\"rate_unacked\":%s,\"rate_disconnects\":%d,\"rate_other_cores\":%.2f}\n",
      sm == "on" ? "true" : "false", round, msgs, slost, sdisc, sack50 == "" ? "null" : sack50, sack99 == "" ? "null" : sack99,
      soth, half, achieved, p50, p99, ack50 == "" ? "null" : ack50, ack99 == "" ? "null" : ack99, rlost,
      runacked == "" ? "null" : runacked, rdisc, roth >> "'"$OUT/summary.json"'"
  }'
}

{ echo "           ------------------- saturation -------------------   ------------------------------- fixed rate -------------------------------"
  printf "%-3s %5s %9s %5s %5s %8s %8s %5s | %6s %8s %7s %7s %8s %8s %5s %7s %5s %5s\n" sm round "msgs/s" lost disc "ack p50" "ack p99" \
    other rate achieved "p50 ms" "p99 ms" "ack p50" "ack p99" lost unacked disc other
} >"$OUT/summary.txt"
for round in $(seq 1 "$ROUNDS"); do
  row off "$round"
  row on "$round"
done
if [ -n "$EXTRA_RATES" ]; then
  { echo
    printf "%-3s %6s %8s %7s %7s %8s %8s %5s %7s %5s %5s\n" sm rate achieved "p50 ms" "p99 ms" "ack p50" "ack p99" lost unacked disc other
    for extra in $EXTRA_RATES; do
      for sm in off on; do
        f="$OUT/extra-$sm-$extra.out"
        awk -v sm="$sm" -v rate="$extra" -v achieved="$(mfield "$f" sent_per_s)" -v p50="$(mfield "$f" latency_p50_us)" \
            -v p99="$(mfield "$f" latency_p99_us)" -v ack50="$(mfield "$f" ack_latency_p50_us)" -v ack99="$(mfield "$f" ack_latency_p99_us)" \
            -v lost="$(mfield "$f" lost)" -v unacked="$(mfield "$f" unacked)" -v disc="$(mfield "$f" disconnects)" \
            -v oth="$(json_field "$f" cpu other_cores)" 'BEGIN {
          printf "%-3s %6d %8.0f %7.2f %7.2f %8s %8s %5d %7s %5d %5.2f\n", sm, rate, achieved, p50 / 1000, p99 / 1000,
            ack50 == "" ? "-" : sprintf("%.2f", ack50 / 1000), ack99 == "" ? "-" : sprintf("%.2f", ack99 / 1000),
            lost, unacked == "" ? "-" : unacked, disc, oth }'
      done
    done
  } >>"$OUT/summary.txt"
fi

echo
echo "Parley stream management benchmark: $(nproc) cores, server and tool on one machine, $SESSIONS sessions ($((SESSIONS / 2)) pairs),"
echo "plain TCP, H2, window $WINDOW, warm-up $WARMUP, measured $DURATION, --sm asks for an ack every $SM_REQUEST_EVERY message(s); see $OUT"
echo "(latencies in ms; 'other': cores that neither the server nor the tool used, i.e. other processes on the machine)"
cat "$OUT/summary.txt"
# ERROR, WARN and exception lines and streams closed for too many unacknowledged stanzas, logged
# before the server was stopped, but the expected self-signed certificate warning.
head -n "$run_lines" "$OUT/server.log" |
  grep -E ' (ERROR|WARN) |Exception|resource-constraint|unacknowledged' | grep -v 'SelfSignedCertificates' >"$OUT/server-problems.txt" || true
echo "server log lines with ERROR, WARN, an exception or resource-constraint before shutdown: $(wc -l <"$OUT/server-problems.txt") (server-problems.txt)"
head -10 "$OUT/server-problems.txt" | cut -c1-300
shutdown_errors=$(tail -n +"$((run_lines + 1))" "$OUT/server.log" | grep -c ' ERROR ' || true)
[ "$shutdown_errors" = 0 ] || echo "ERROR lines while the server stopped: $shutdown_errors, e.g. $(tail -n +"$((run_lines + 1))" "$OUT/server.log" | grep -m1 ' ERROR ' | cut -c1-200)"
# Streams the server stopped reading from (see unread_streams), and runs whose losses sit in a few pairs.
for f in "$OUT"/*.unread; do
  [ -s "$f" ] && echo "$(basename "$f" .unread): $(wc -l <"$f") server stream(s) left unread after the tool exited (data queued on the server's side)"
done
for f in "$OUT"/saturate-*.out "$OUT"/rate-*.out; do
  grep -q ' pairs), disconnects' "$f" && echo "$(basename "$f" .out): $(grep -o 'lost [0-9]* (in [0-9]* of [0-9]* pairs)' "$f")"
done
exit 0
