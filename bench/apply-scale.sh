#!/bin/sh
# Benchmark (issue 17): a simulated apply scales linearly. `apply --auto-approve` creating 10 000
# shares against 1 000, both over 10 simulated clusters (one access entry, no snapshots), each run
# from a fresh copy of the seeded state, as whole processes. Target: at most 11 times.
# BENCH_RUNS defaults to 5 here.
set -eu
. "$(dirname "$0")/harness.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in 1000 10000; do
  java -XX:+UseSerialGC -cp "$cp_bench" io.glustershares.bench.GenerateDesiredState "$dir/$n" "$n" 10 1 0
  (cd "$dir/$n" && "$tool" plan >/dev/null)
done
apply() {
  echo "rm -rf '$dir/w$1' && cp -r '$dir/$1' '$dir/w$1' && cd '$dir/w$1' && exec '$tool' apply --auto-approve"
}
BENCH_RUNS=${BENCH_RUNS:-5} compare "simulated apply: 10 000 shares / 1 000 shares" 11 \
  -- sh -c "$(apply 1000)" \
  -- sh -c "$(apply 10000)"
