#!/usr/bin/env bash
# Runs the upload benchmark (src/test/java/im/parley/module/upload/UploadBench.java): an in-process
# server on random loopback ports, 10 MB files and 100 concurrent 1 MB uploads, over TLS and plain
# HTTP. Builds with the reactor, never installs. Extra arguments go to the JVM (-Dbench.rounds=10).
set -euo pipefail
cd "$(dirname "$0")/.."
classpath=modules/target/upload-bench.classpath
mvn -B -o -q -pl modules -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$classpath" -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g "$@" -cp "modules/target/test-classes:modules/target/classes:$(cat "$classpath")" \
    im.parley.module.upload.UploadBench
