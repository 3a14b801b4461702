#!/bin/sh
# Benchmark (issue 5): wall time of `gluster-shares plan --json` end to end, JVM start included,
# for 10 000 shares over 100 simulated clusters (30 000 access entries, 20 000 snapshots; every
# share and snapshot still to create: 30 000 actions), median of 5 runs. Target: under 2 s.
# Then the planner's scaling in one JVM at 1 000, 10 000 and 100 000 shares.
# Run after: mvn -B -q -DskipTests package && mvn -B -q test-compile
set -eu
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp="target/test-classes:target/gluster-shares.jar"
java -cp "$cp" io.glustershares.bench.GenerateDesiredState "$dir" 10000 100 3 2
here=$(pwd)
cd "$dir"
"$here/bin/gluster-shares" validate
"$here/bin/gluster-shares" plan --json > "$dir/plan.json"   # seeds the simulators and the class archive
echo "plan --json: $(wc -c < "$dir/plan.json") bytes, $(grep -c '"id"' "$dir/plan.json") actions"
times=""
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$here/bin/gluster-shares" plan --json > "$dir/plan.json"
  end=$(date +%s%N)
  times="$times $(( (end - start) / 1000000 ))"
done
echo "end to end, 10 000 shares (ms):$times"
echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms\n", a[1], a[int((NR+1)/2)], a[NR]}'
cd "$here"
java -XX:+UseSerialGC -Xss4m -cp "$cp" io.glustershares.bench.PlanBenchmark "$@"
