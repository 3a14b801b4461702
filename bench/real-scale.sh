#!/bin/sh
# Benchmark (issue 17) on the real test estate (README, "The test estate"): RealScaleBench applies
# the same create (on already-secured pool volumes), access change (+2 CNs, -1 CN) and delete of 5
# shares on cluster east with 20 and then 200 pool volumes, every gluster call and wipe command
# timed by a wrapper in east-1's own mount namespace. Exits 1 on a miss of: glusterd time of the
# share actions at 200 / at 20 <= 1.25; one volume set per share in an access change; our own time
# <= 25 % of the wall time of an access change or delete. BENCH_RUNS rounds (default 5); about 8
# minutes on 2 shared cores. Needs root and glusterd 10 (as the integration tests); builds itself.
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
out=target/real-scale.txt
rm -rf "$out" target/real-scale-calls
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
GLUSTER_SHARES_REQUIRE_REAL=1 mvn -B -q verify -Dspotless.check.skip=true -Dtest=None \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.test=RealScaleBench >target/real-scale.log 2>&1 || status=$?
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$out" ]; then
  echo "real-scale: no result (see target/real-scale.log):" >&2
  grep -E 'ERROR|FAIL|estate' target/real-scale.log | head -20 >&2
  exit 1
fi
cat "$out"
exit "${status:-0}"
