#!/usr/bin/env bash
# Plugin overhead benchmark (issue 12): one-to-one messages per second and latency with the
# rate-limit and abuse-scan plugins enabled, against disabled, on one machine. Each run gets a
# fresh server (plain TCP, H2 in a temporary directory, the plugins from server/target/plugins).
# The message archive and inbox are off in both configurations, so that the server's hot path is
# CPU-bound and what the plugins add per message can show; with the plugins on, their limits are
# lifted out of the way (every check still runs on every message: exemptions, bans, buckets, the
# pattern and link rules, the spam-wave fingerprint).
#
#   mvn -B -q -o install -DskipTests && (cd load && mvn -B -q -o package) && load/plugin-bench.sh
#
# Settings: SESSIONS (200), WINDOW (10), WARMUP (5s), DURATION (20s), RATE (fixed rate for latency,
# default 5000), ROUNDS (2, alternating which configuration goes first), C2S_PORT (15252), OUT.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
PARLEY_HOME=${PARLEY_HOME:-$(cd "$here/.." && pwd)}
SESSIONS=${SESSIONS:-200}
WINDOW=${WINDOW:-10}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-20s}
RATE=${RATE:-5000}
ROUNDS=${ROUNDS:-2}
C2S_PORT=${C2S_PORT:-15252}
OUT=${OUT:-$here/target/plugin-bench-$(date +%Y%m%d-%H%M%S)}
JAR=$here/target/parley-load.jar
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}

[ -f "$JAR" ] || { echo "no $JAR: build first (cd load && mvn -B -q package)" >&2; exit 1; }
[ -d "$PARLEY_HOME/server/target/plugins" ] || { echo "no server/target/plugins: mvn -B -q install -DskipTests first" >&2; exit 1; }
mkdir -p "$OUT"
SERVER_PID=""
DATA=""
log() { echo "[plugin-bench $(date +%H:%M:%S)] $*" >&2; }

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  rm -rf "$DATA"
}
trap stop_server EXIT

# start_server on|off
start_server() {
  DATA=$(mktemp -d "${TMPDIR:-/tmp}/parley-plugin-bench.XXXXXX")
  cat >"$OUT/node-$1.yml" <<YML
server:
  domains: [localhost]
  data_dir: $DATA/data
c2s: {address: 127.0.0.1, port: $C2S_PORT, direct_tls_port: -1, require_tls: false,
      max_connections_per_ip: 1000000, new_connections_per_second_per_ip: 1000000, new_connections_per_second: 1000000}
http: {address: 127.0.0.1, port: 0}
s2s: {address: 127.0.0.1, port: 0, direct_tls_port: -1}
management: {address: 127.0.0.1, port: 0}
auth: {scram_iterations: 4096}
register: {allow_registration: true, registrations_per_address: 0}
mam: {enabled: false}
inbox: {enabled: false}
plugins: {directory: $PARLEY_HOME/server/target/plugins}
ratelimit:
  enabled: $([ "$1" = on ] && echo true || echo false)
  user_messages_per_minute: 1000000000
  user_messages_burst: 1000000000
  connections_per_minute: 1000000000
  connections_burst: 1000000000
abusescan:
  enabled: $([ "$1" = on ] && echo true || echo false)
  patterns: ["(?i)free bitcoin"]
  blocked_links: [spam.example]
YML
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -Dlogback.configurationFile="$PARLEY_HOME/conf/logback.xml" \
    -Dlogback.levels="$PARLEY_HOME/conf/logback-levels.xml" -cp "$PARLEY_HOME/server/target/parley.jar:$PARLEY_HOME/server/target/lib/*" \
    im.parley.server.Main start --config "$OUT/node-$1.yml" >"$OUT/server-$1-$2.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 180); do
    grep -q 'serving' "$OUT/server-$1-$2.log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited"; tail -20 "$OUT/server-$1-$2.log" >&2; exit 1; }
    sleep 1
  done
  log "the server did not start"; exit 1
}

tool() {
  # shellcheck disable=SC2086
  java $LOAD_JAVA_OPTS -jar "$JAR" "$@" --host 127.0.0.1 --port "$C2S_PORT" --domain localhost --user "pbench%d" \
    --password bench-password --no-tls
}

field() { { grep "\"scenario\":\"messages\"" "$1" || true; } | tail -1 | sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p" | tr -d '"'; }

: >"$OUT/summary.txt"
for round in $(seq 1 "$ROUNDS"); do
  order="off on"; [ $((round % 2)) = 0 ] && order="on off"
  for plugins in $order; do
    log "round $round, plugins $plugins"
    start_server "$plugins" "$round"
    grep -q "Modules running.*ratelimit" "$OUT/server-$plugins-$round.log" && running=yes || running=no
    [ "$plugins" = on ] && [ "$running" = no ] && { log "plugins did not start; see $OUT/server-$plugins-$round.log"; exit 1; }
    tool connect -n "$SESSIONS" --register --hold 0s >"$OUT/register-$plugins-$round.out" 2>&1
    tool messages -n "$SESSIONS" --warmup 5s --duration 10s --window "$WINDOW" >/dev/null 2>&1   # JIT warm-up, discarded
    tool messages -n "$SESSIONS" --warmup "$WARMUP" --duration "$DURATION" --window "$WINDOW" >"$OUT/sat-$plugins-$round.out" 2>&1
    tool messages -n "$SESSIONS" --warmup "$WARMUP" --duration "$DURATION" --rate "$RATE" >"$OUT/rate-$plugins-$round.out" 2>&1
    stop_server
    printf "%-7s %5s %10s %6s | %8s %9s %8s %8s %6s\n" "$plugins" "$round" "$(field "$OUT/sat-$plugins-$round.out" msgs_per_s)" \
      "$(field "$OUT/sat-$plugins-$round.out" lost)" "$RATE" "$(field "$OUT/rate-$plugins-$round.out" sent_per_s)" \
      "$(awk -v v="$(field "$OUT/rate-$plugins-$round.out" latency_p50_us)" 'BEGIN { printf "%.2f", v / 1000 }')" \
      "$(awk -v v="$(field "$OUT/rate-$plugins-$round.out" latency_p99_us)" 'BEGIN { printf "%.2f", v / 1000 }')" \
      "$(field "$OUT/rate-$plugins-$round.out" lost)" >>"$OUT/summary.txt"
  done
done
echo "Parley plugin overhead: $(nproc) cores, $SESSIONS sessions, plain TCP, archive and inbox off; see $OUT"
printf "%-7s %5s %10s %6s | %8s %9s %8s %8s %6s\n" plugins round "msgs/s" lost rate achieved "p50 ms" "p99 ms" lost
sort -k1,1 -k2,2n "$OUT/summary.txt"
