#!/usr/bin/env bash
# Runs the message archive benchmark (src/test/java/im/parley/storage/ArchiveBench.java) against the
# MariaDB at 127.0.0.1:3306 (user root, no password), in the database parley_bench, which it creates
# and fills with 10 million messages on the first run (kept for later runs: DROP DATABASE parley_bench
# to start again). Builds with the reactor, never installs. Extra arguments go to the JVM, e.g.
# -Dbench.samples=1000 or -Dbench.messages=1000000 (against a fresh database).
set -euo pipefail
cd "$(dirname "$0")/.."
classpath=storage/target/archive-bench.classpath
mvn -B -o -q -pl storage -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$classpath" -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g -XX:+UseG1GC "$@" \
    -cp "storage/target/test-classes:storage/target/classes:$(cat "$classpath")" im.parley.storage.ArchiveBench
