#!/usr/bin/env bash
# Runs the Smack integration test suite (../shared/conformance) against a freshly started
# Parley and fails if a test listed in conformance/passing.txt no longer passes.
#
#   conformance/check.sh            # after `mvn -B -q -DskipTests package`
#
# Environment: SINTTEST_HARNESS (the harness folder; default ../shared/conformance next to the
# repository, else /work/shared/conformance), CONFORMANCE_PORT (default 15222).
set -u -o pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${CONFORMANCE_PORT:-15222}"
HARNESS="${SINTTEST_HARNESS:-}"
if [ -z "$HARNESS" ]; then
    for candidate in "$ROOT/../shared/conformance" /work/shared/conformance; do
        if [ -x "$candidate/run-sinttest.sh" ]; then HARNESS="$candidate"; break; fi
    done
fi
if [ -z "$HARNESS" ] || [ ! -x "$HARNESS/run-sinttest.sh" ]; then
    echo "conformance: harness not found (set SINTTEST_HARNESS); not run" >&2
    exit 0
fi

WORK="$(mktemp -d)"
LOG="$WORK/server.log"
cleanup() {
    if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
    fi
}
trap cleanup EXIT

# The shipped config, with what the suite needs: its own ports and data, open registration
# without limits (the suite creates about 30 accounts from one address), and no timeout for
# unauthenticated streams (the suite keeps one open for the whole run to register accounts);
# federation on a free port; plain HTTP for uploads (the suite's HTTP client does not trust the self-signed certificate).
PARLEY_SERVER_DATA_DIR="$WORK/data" \
PARLEY_C2S_PORT="$PORT" PARLEY_C2S_DIRECT_TLS_PORT=-1 PARLEY_C2S_ADDRESS=127.0.0.1 \
PARLEY_HTTP_PORT="${CONFORMANCE_HTTP_PORT:-$((PORT + 221))}" PARLEY_HTTP_ADDRESS=127.0.0.1 PARLEY_HTTP_TLS=false \
PARLEY_S2S_ADDRESS=127.0.0.1 PARLEY_S2S_PORT=0 PARLEY_S2S_DIRECT_TLS_PORT=-1 PARLEY_MANAGEMENT_PORT=0 \
PARLEY_REGISTER_ALLOW_REGISTRATION=true PARLEY_REGISTER_REGISTRATIONS_PER_ADDRESS=0 \
PARLEY_AUTH_SCRAM_ITERATIONS=4096 PARLEY_C2S_AUTH_TIMEOUT=3h \
    "$ROOT/bin/parley" start --config "$ROOT/conf/parley.yml" > "$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
    if grep -q "serving" "$LOG"; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "conformance: the server did not start:" >&2; cat "$LOG" >&2; exit 1; fi
    sleep 0.5
done
grep -q "serving" "$LOG" || { echo "conformance: the server did not start in time" >&2; cat "$LOG" >&2; exit 1; }

OUT="$WORK/results"
SINTTEST_OUT="$OUT" SINTTEST_REPLY_TIMEOUT="${SINTTEST_REPLY_TIMEOUT:-5000}" \
    "$HARNESS/run-sinttest.sh" localhost 127.0.0.1 "$PORT"
RC=$?
if [ ! -f "$OUT/results.tsv" ]; then
    echo "conformance: the suite produced no results (exit $RC); server log tail:" >&2
    tail -50 "$LOG" >&2
    exit 1
fi
cp "$OUT/results.tsv" "$ROOT/conformance/last-results.tsv" 2>/dev/null || true

# Every test listed as passing must still pass. A listed test that fails is run once more on its
# own (its class, against the same server): one that passes then is reported as flaky, not as a
# regression; one that fails twice is a regression.
failed=()
while IFS= read -r test; do
    case "$test" in ''|'#'*) continue ;; esac
    grep -qP "^PASS\t\Q$test\E\t" "$OUT/results.tsv" || failed+=("$test")
done < "$ROOT/conformance/passing.txt"
regressions=0
if [ "${#failed[@]}" -gt 0 ]; then
    classes=$(printf '%s\n' "${failed[@]}" | sed 's/\.[^.]*$//; s/.*\.//' | sort -u | paste -sd, -)
    echo "conformance: ${#failed[@]} listed test(s) failed; running $classes again"
    SINTTEST_OUT="$OUT/rerun" SINTTEST_REPLY_TIMEOUT="${SINTTEST_REPLY_TIMEOUT:-5000}" \
        "$HARNESS/run-sinttest.sh" localhost 127.0.0.1 "$PORT" "-Dsinttest.enabledTests=$classes" >/dev/null 2>&1 || true
    for test in "${failed[@]}"; do
        if [ -f "$OUT/rerun/results.tsv" ] && grep -qP "^PASS\t\Q$test\E\t" "$OUT/rerun/results.tsv"; then
            echo "conformance: FLAKY: $test failed, then passed when run again:" >&2
        else
            echo "conformance: REGRESSION: $test no longer passes" >&2
            regressions=$((regressions + 1))
        fi
        grep -P "\t\Q$test\E\t" "$OUT/results.tsv" >&2 || true
    done
fi
new=$(awk -F'\t' '$1 == "PASS" {print $2}' "$OUT/results.tsv" | grep -vxFf <(grep -v '^#' "$ROOT/conformance/passing.txt") || true)
if [ -n "$new" ]; then
    echo "conformance: newly passing (add them to conformance/passing.txt):"
    echo "$new" | sed 's/^/  /'
fi
head -1 "$OUT/summary.txt"
[ "$regressions" -eq 0 ] || { echo "conformance: $regressions regression(s)" >&2; exit 1; }
echo "conformance: no regressions"
