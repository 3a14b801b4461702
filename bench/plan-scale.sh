#!/bin/sh
# Benchmark (issue 17): plan scales linearly. `plan --json` of 100 000 shares against 10 000 shares,
# both over 100 simulated clusters (3 access entries and 2 snapshots per share, everything still to
# create), as whole processes, JVM start included. Target: at most 11 times.
# BENCH_RUNS defaults to 5 here (a 100 000-share plan takes a while).
set -eu
. "$(dirname "$0")/harness.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
generate "$dir/10k" 10000 100
generate "$dir/100k" 100000 100
BENCH_RUNS=${BENCH_RUNS:-5} compare "plan scaling: plan --json 100 000 shares / 10 000 shares" 11 \
  -- sh -c "cd '$dir/10k' && exec '$tool' plan --json" \
  -- sh -c "cd '$dir/100k' && exec '$tool' plan --json"
