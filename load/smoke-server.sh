#!/usr/bin/env bash
# Starts the core's in-process test server as a java process of its own (im.parley.load.SmokeServer),
# with accounts load0..load{N-1}, for trying the load tool and bench.sh before the real launcher exists:
#   PARLEY_START="$PWD/smoke-server.sh 10000" SERVER_READY_PATTERN='SMOKE SERVER READY' ./bench.sh
# The java process replaces this script (exec), so the PID that starts it is the server's.
# Arguments: [accounts [pattern [password]]]. Build first: cd load && mvn -B -q package
# Its jars are copied once to target/smoke-lib, so a later 'mvn install' elsewhere cannot change them under a
# running server; delete that folder to pick up a newer parley-xmpp-core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="$here/target/smoke-lib"
if [ ! -d "$lib" ]; then
  (cd "$here" && mvn -B -q dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$lib" >&2)
fi
# shellcheck disable=SC2086
exec java ${SMOKE_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC} \
  -Dlogback.configurationFile=parley-load-test-logback.xml \
  -cp "$here/target/test-classes:$here/target/classes:$lib/*" im.parley.load.SmokeServer "$@"
