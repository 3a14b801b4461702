#!/bin/sh
# Benchmark (issue 3): wall time of `gluster-shares validate` on a generated file of 10 000
# shares, each with 3 access entries and 2 snapshots, JVM start included. Target: under 2 s.
# Run after `mvn -B -q package -DskipTests` (or any build that leaves target/ complete).
set -eu
cd "$(dirname "$0")/.."
shares=${SHARES:-10000}
runs=${RUNS:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
java -cp target/test-classes:target/gluster-shares.jar io.glustershares.bench.GenerateDesiredState \
  "$dir" "$shares" 10 3 2
echo "file: $(du -h "$dir/gluster-shares.yaml" | cut -f1), $shares shares, 3 access entries and 2 snapshots each"
bin/gluster-shares validate -f "$dir/gluster-shares.yaml"
times=""
i=0
while [ $i -lt "$runs" ]; do
  start=$(date +%s%N)
  bin/gluster-shares validate -f "$dir/gluster-shares.yaml" >/dev/null
  end=$(date +%s%N)
  times="$times $(( (end - start) / 1000000 ))"
  i=$((i + 1))
done
echo "validate wall time (ms) over $runs runs:$times"
echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms\n", a[1], a[int((NR+1)/2)], a[NR]}'
