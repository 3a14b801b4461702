#!/bin/sh
# Benchmark (issue 17): the apply scheduler is linear. 30 000 actions against 3 000, over 100
# clusters on runners that answer at once (io.glustershares.bench.SchedulerBenchmark), as whole
# processes. Target: at most 12 times.
set -eu
. "$(dirname "$0")/harness.sh"
run="java -XX:+UseSerialGC -cp $cp_bench io.glustershares.bench.SchedulerBenchmark"
compare "scheduler: 30 000 actions / 3 000 actions" 12 \
  -- $run 3000 \
  -- $run 30000
