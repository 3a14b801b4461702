#!/bin/sh
# Benchmark (issue 4): gluster calls and wall time of one refresh for 10, 100 and 1000 simulated
# volumes (calls must not grow with volumes), and 10 clusters refreshed in parallel with 200 ms of
# simulated latency per call (wall time must stay close to one cluster's).
# Run after a build that leaves target/ complete (mvn -B -q package -DskipTests && mvn -B -q test-compile).
set -eu
cd "$(dirname "$0")/.."
exec java -cp target/test-classes:target/gluster-shares.jar io.glustershares.bench.RefreshBenchmark
