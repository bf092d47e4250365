#!/usr/bin/env bash
# Two-node cluster benchmark on one machine: starts two Parley nodes clustered on loopback (an
# embedded Hazelcast member each) sharing one database, creates the load accounts, then measures
# with the load tool's messages scenario:
#   same node:  both sessions of each pair on node 1;
#   cross node: senders on node 1, receivers on node 2 (messages --peer-port), so every message
#               goes through the cluster transport;
# for each: msgs/s at saturation, then p50/p99 latency at a fixed rate of half the cross-node
# saturation rate (the same rate for both, so the latencies compare). Prints a table; everything
# (node configs and logs, tool outputs, summary.txt, summary.json) is kept under $OUT.
#
#   mvn -B -q -o install -DskipTests          # at the top level: server/target/parley.jar and lib/
#   cd load && mvn -B -q -o package && ./cluster-bench.sh
#
# Streams are plain TCP by default (c2s.require_tls false, the tool's --no-tls), so the figures show
# the server and the cluster hop rather than TLS; TLS=1 keeps STARTTLS. The per-address connection
# limits are lifted with the PARLEY_C2S_* overrides, as bench.sh does. Database: an H2 file in
# server mode (AUTO_SERVER: node 1 opens it and serves it to node 2), or DB=mariadb (database
# MARIADB_DB on 127.0.0.1:3306, user root, no password; created if missing, and dropped first
# when FRESH_DB=1). Settings by environment: RATE (the fixed rate; default half the cross-node
# saturation rate), SESSIONS (200), WINDOW (10), WARMUP (5s),
# DURATION (20s), DRAIN (10s), C2S_PORTS ("15222 15232"), CLUSTER_PORTS ("15701 15702"),
# SERVER_JAVA_OPTS (-Xms1g -Xmx1g -XX:+UseG1GC), LOAD_JAVA_OPTS, START_TIMEOUT (180 s),
# CLUSTER_READY_PATTERN (the line each node logs once it sees two members), MESSAGES_ARGS (more options
# for the messages scenario, e.g. "--sm" for stream management, where a cross-node message is
# acknowledged once the other node confirms it), PARLEY_HOME, OUT.
# Other PARLEY_* variables reach both nodes as config overrides (e.g. PARLEY_BLOCKING_ENABLED=false).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
PARLEY_HOME=${PARLEY_HOME:-$(cd "$here/.." && pwd)}
DOMAIN=${DOMAIN:-localhost}
USERS=${USERS:-clusterload%d}
PASSWORD=${PASSWORD:-load-password}
SESSIONS=${SESSIONS:-200}
WINDOW=${WINDOW:-10}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-20s}
DRAIN=${DRAIN:-10s}
TLS=${TLS:-0}
DB=${DB:-h2}
MARIADB_DB=${MARIADB_DB:-parley_bench}
FRESH_DB=${FRESH_DB:-0}
read -r C2S1 C2S2 <<<"${C2S_PORTS:-15222 15232}"
read -r HZ1 HZ2 <<<"${CLUSTER_PORTS:-15701 15702}"
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC}
START_TIMEOUT=${START_TIMEOUT:-180}
CLUSTER_READY_PATTERN=${CLUSTER_READY_PATTERN:-Members \{size:2}
OUT=${OUT:-$here/target/cluster-bench-$(date +%Y%m%d-%H%M%S)}
JAR=$here/target/parley-load.jar
MESSAGES_ARGS=${MESSAGES_ARGS:-}

export PARLEY_C2S_MAX_CONNECTIONS_PER_IP=${PARLEY_C2S_MAX_CONNECTIONS_PER_IP:-1000000}
export PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP=${PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP:-1000000}
export PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND=${PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND:-1000000}

[ -f "$JAR" ] || { echo "no $JAR: build first (cd load && mvn -B -q package)" >&2; exit 1; }
[ -f "$PARLEY_HOME/server/target/parley.jar" ] || { echo "no server build: mvn -B -q install -DskipTests at the top level" >&2; exit 1; }
mkdir -p "$OUT"
ulimit -n 100000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
CLK_TCK=$(getconf CLK_TCK)

log() { echo "[cluster-bench $(date +%H:%M:%S)] $*" >&2; }

# The server's jars are copied once, so a build elsewhere cannot change them under running nodes.
SERVER_LIB=$OUT/server-lib
mkdir -p "$SERVER_LIB"
cp "$PARLEY_HOME/server/target/parley.jar" "$PARLEY_HOME"/server/target/lib/*.jar "$SERVER_LIB/"

if [ "$DB" = mariadb ]; then
  [ "$FRESH_DB" = 1 ] && mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS \`$MARIADB_DB\`"
  mysql -h 127.0.0.1 -u root -e "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DB\`"
  STORAGE="{backend: mariadb, url: \"jdbc:mariadb://127.0.0.1:3306/$MARIADB_DB\", username: root, password: \"\"}"
else
  STORAGE="{backend: h2, url: \"jdbc:h2:file:$OUT/db/parley;AUTO_SERVER=TRUE\"}"
fi
REQUIRE_TLS=$([ "$TLS" = 1 ] && echo true || echo false)
TLS_ARG=$([ "$TLS" = 1 ] && echo --tls || echo --no-tls)

# write_config NODE C2S_PORT CLUSTER_PORT: a node's config file.
write_config() {
  cat >"$OUT/node$1.yml" <<EOF
# Node $1 of the cluster benchmark (written by cluster-bench.sh).
server:
  domains: [$DOMAIN]
  data_dir: $OUT/node$1
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
  port: $2
  direct_tls_port: -1
  require_tls: $REQUIRE_TLS
  idle_timeout: 10m
auth:
  scram_iterations: 4096
storage: $STORAGE
register:
  allow_registration: true
  registrations_per_address: 0
cluster:
  enabled: true
  secret: bench-secret
  bind_address: 127.0.0.1
  port: $3
  members: ["127.0.0.1:$HZ1", "127.0.0.1:$HZ2"]
  failure_timeout: 10s
EOF
}

NODE_PIDS=()
TOOL_PID=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_node NODE C2S_PORT: starts the node in the background and waits until it serves.
start_node() {
  local node=$1 port=$2 waited=0 pid
  log "starting node $node (c2s $port, require_tls $REQUIRE_TLS)"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -Dlogback.configurationFile="$PARLEY_HOME/conf/logback.xml" -cp "$SERVER_LIB/*" \
    im.parley.server.Main start --config "$OUT/node$node.yml" >"$OUT/node$node.log" 2>&1 &
  pid=$!
  NODE_PIDS+=("$pid")
  until port_open "$port" && grep -q 'serving' "$OUT/node$node.log"; do
    kill -0 "$pid" 2>/dev/null || { log "node $node exited; see $OUT/node$node.log"; tail -20 "$OUT/node$node.log" >&2; exit 1; }
    [ "$waited" -lt "$START_TIMEOUT" ] || { log "node $node did not come up in $START_TIMEOUT s"; exit 1; }
    sleep 1; waited=$((waited + 1))
  done
  log "node $node up: PID $pid"
}

# Both nodes see each other (the pattern is Hazelcast's member list line).
await_cluster() {
  local waited=0
  [ -n "$CLUSTER_READY_PATTERN" ] || return 0
  until grep -q "$CLUSTER_READY_PATTERN" "$OUT/node1.log" && grep -q "$CLUSTER_READY_PATTERN" "$OUT/node2.log"; do
    # The pattern depends on Hazelcast's logging; without it, bounces in the cross-node runs tell.
    [ "$waited" -lt "$START_TIMEOUT" ] || { log "WARNING: no '$CLUSTER_READY_PATTERN' line from both nodes in $START_TIMEOUT s; going on"; return 0; }
    sleep 1; waited=$((waited + 1))
  done
  log "cluster formed: both nodes list two members"
}

stop_nodes() {
  local pid i
  # Node 2 first: with H2 in server mode, node 1 serves the database to it.
  for ((i = ${#NODE_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${NODE_PIDS[$i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  NODE_PIDS=()
}

cleanup() {
  [ -n "$TOOL_PID" ] && kill "$TOOL_PID" 2>/dev/null || true
  stop_nodes
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_ms() { awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tck) }' "/proc/$1/stat"; }

# CPU time the whole machine spent busy so far (every process, this benchmark's and any other), in ms.
machine_busy_ms() { awk -v tck="$CLK_TCK" '/^cpu / { print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / tck) }' /proc/stat; }

json_field() {
  { grep "\"scenario\":\"$2\"" "$1" || true; } | tail -1 | sed -n "s/.*\"$3\":\([^,}]*\).*/\1/p" | tr -d '"'
}

# load NAME ARGS...: runs the tool in the foreground, noting both nodes' CPU time around it.
load() {
  local name=$1 a1 a2 b1 b2 m1 m2 t0 t1
  shift
  a1=$(cpu_ms "${NODE_PIDS[0]}"); b1=$(cpu_ms "${NODE_PIDS[1]}"); m1=$(machine_busy_ms); t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $LOAD_JAVA_OPTS -jar "$JAR" "$@" --domain "$DOMAIN" --user "$USERS" --password "$PASSWORD" $TLS_ARG \
    >"$OUT/$name.out" 2>"$OUT/$name.err" &
  TOOL_PID=$!
  wait "$TOOL_PID" || true
  TOOL_PID=""
  a2=$(cpu_ms "${NODE_PIDS[0]}"); b2=$(cpu_ms "${NODE_PIDS[1]}"); m2=$(machine_busy_ms); t1=$(date +%s%N)
  awk -v a="$((a2 - a1))" -v b="$((b2 - b1))" -v m="$((m2 - m1))" -v t="$(((t1 - t0) / 1000000))" -v n="$(nproc)" \
    'BEGIN { printf "CPU over the whole run (logins included): node 1 %.2f cores, node 2 %.2f cores, machine busy %.2f of %d cores\n", a / t, b / t, m / t, n }' \
    >>"$OUT/$name.out"
  { grep -v '^{' "$OUT/$name.out" || true; } | sed 's/^/  /' >&2
}

messages() {
  local name=$1
  shift
  load "$name" messages --host 127.0.0.1 --port "$C2S1" -n "$SESSIONS" --warmup "$WARMUP" --duration "$DURATION" \
    --drain "$DRAIN" $MESSAGES_ARGS "$@"
}

log "results go to $OUT ($(nproc) cores; database $DB; $([ "$TLS" = 1 ] && echo STARTTLS || echo plain TCP); load average $(cut -d' ' -f1-3 /proc/loadavg))"
write_config 1 "$C2S1" "$HZ1"
write_config 2 "$C2S2" "$HZ2"
start_node 1 "$C2S1"
start_node 2 "$C2S2"
await_cluster

log "creating $SESSIONS accounts ($USERS) by in-band registration on node 1"
load register connect --host 127.0.0.1 --port "$C2S1" -n "$SESSIONS" --register --hold 0s
[ "$(json_field "$OUT/register.out" register failed)" = 0 ] || { log "registration failed; see $OUT/register.out"; exit 1; }

log "same node: saturation (window $WINDOW)"
messages saturate-same --window "$WINDOW"
log "cross node: saturation (window $WINDOW)"
messages saturate-cross --window "$WINDOW" --peer-port "$C2S2"
cross=$(json_field "$OUT/saturate-cross.out" messages msgs_per_s)
half=${RATE:-$(awk -v m="${cross:-0}" 'BEGIN { printf "%d", m / 2 }')}
[ "$half" -gt 0 ] || { log "no message crossed the cluster at saturation"; exit 1; }
log "same node: latency at $half msgs/s (half the cross-node saturation rate)"
messages rate-same --rate "$half"
log "cross node: latency at $half msgs/s"
messages rate-cross --rate "$half" --peer-port "$C2S2"

# Log lines up to here are the runs'; what the nodes log while stopping (each other gone) is not a problem.
run_lines1=$(wc -l <"$OUT/node1.log"); run_lines2=$(wc -l <"$OUT/node2.log")
stop_nodes
trap - EXIT

# row LABEL: one table line and one JSON line from the saturation and rate outputs.
row() {
  local label=$1 sat="$OUT/saturate-$1.out" rate="$OUT/rate-$1.out"
  awk -v label="$label" -v msgs="$(json_field "$sat" messages msgs_per_s)" -v half="$half" \
      -v slost="$(json_field "$sat" messages lost)" -v sbounced="$(json_field "$sat" messages bounced)" \
      -v p50="$(json_field "$rate" messages latency_p50_us)" -v p99="$(json_field "$rate" messages latency_p99_us)" \
      -v max="$(json_field "$rate" messages latency_max_us)" -v achieved="$(json_field "$rate" messages sent_per_s)" \
      -v rlost="$(json_field "$rate" messages lost)" -v rbounced="$(json_field "$rate" messages bounced)" 'BEGIN {
    printf "%-6s %10.0f %5d %7d | %7d %8.0f %7.2f %7.2f %8.2f %5d %7d\n", label, msgs, slost, sbounced,
      half, achieved, p50 / 1000, p99 / 1000, max / 1000, rlost, rbounced >> "'"$OUT/summary.txt"'"
    printf "{\"pairs_on\":\"%s\",\"msgs_per_s\":%.0f,\"saturate_lost\":%d,\"saturate_bounced\":%d,\"rate\":%d,\"rate_achieved\":%.0f,\"latency_p50_us\":%d,\"latency_p99_us\":%d,\"latency_max_us\":%d,\"rate_lost\":%d,\"rate_bounced\":%d}\n",
      label, msgs, slost, sbounced, half, achieved, p50, p99, max, rlost, rbounced >> "'"$OUT/summary.json"'"
  }'
}

{ echo "       ------- saturation -------   ------------------- fixed rate -------------------"
  printf "%-6s %10s %5s %7s | %7s %8s %7s %7s %8s %5s %7s\n" pairs "msgs/s" lost bounced rate achieved "p50 ms" "p99 ms" "max ms" lost bounced
} >"$OUT/summary.txt"
row same
row cross

echo
echo "Parley 2-node cluster benchmark: $(nproc) cores, nodes and tool on one machine, $SESSIONS sessions ($((SESSIONS / 2)) pairs),"
echo "$([ "$TLS" = 1 ] && echo STARTTLS || echo "plain TCP"), database $DB, window $WINDOW, warm-up $WARMUP, measured $DURATION; see $OUT"
cat "$OUT/summary.txt"
# ERROR, WARN and exception lines the nodes logged before they were stopped, but the expected
# self-signed certificate warning.
{ head -n "$run_lines1" "$OUT/node1.log" | sed 's/^/node1: /'; head -n "$run_lines2" "$OUT/node2.log" | sed 's/^/node2: /'; } |
  grep -E ' (ERROR|WARN) |Exception' | grep -v 'SelfSignedCertificates' >"$OUT/node-problems.txt" || true
echo "node log lines with ERROR, WARN or an exception before shutdown: $(wc -l <"$OUT/node-problems.txt") (node-problems.txt)"
head -10 "$OUT/node-problems.txt" | cut -c1-300
