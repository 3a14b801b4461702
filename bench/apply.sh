#!/bin/sh
# Benchmark (issue 6): apply of 40 new shares over 8 simulated clusters with 100 ms per gluster
# call, at --parallelism 1 and 8 (target: at least 6x faster), and the gluster calls per action
# type. Run after: mvn -B -q -DskipTests package && mvn -B -q test-compile
set -eu
cd "$(dirname "$0")/.."
exec java -XX:+UseSerialGC -cp target/test-classes:target/gluster-shares.jar io.glustershares.bench.ApplyBenchmark
