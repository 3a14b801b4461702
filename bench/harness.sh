# Sourced by the bench/*.sh scripts that check a target. Each compares two whole processes with
# io.glustershares.bench.Compare: alternately, after a warm-up, medians of BENCH_RUNS (default 7)
# runs each, and exits non-zero when the ratio misses its target.
# Needs: mvn -B -q -DskipTests package && mvn -B -q test-compile
cd "$(dirname "$0")/.."
here=$(pwd)
if [ ! -f target/gluster-shares.jar ] || [ ! -f target/test-classes/io/glustershares/bench/Compare.class ]; then
  echo "bench: build first: mvn -B -q -DskipTests package && mvn -B -q test-compile" >&2
  exit 3
fi
if [ ! -f target/gluster-shares.jsa ]; then
  echo "bench: note: no target/gluster-shares.jsa (packaged with -Dcds.skip?): start-up figures include class loading" >&2
fi
tool="$here/bin/gluster-shares"
cp_bench="$here/target/test-classes:$here/target/gluster-shares.jar"

# compare NAME MAX_RATIO [--runs N] [--dir DIR] -- BASELINE... -- MEASURED...
compare() {
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$here/target/test-classes" \
    io.glustershares.bench.Compare "$@"
}

# generate DIR SHARES CLUSTERS: a desired file with 3 access entries and 2 snapshots per share
# over simulated clusters, their state seeded by one plan (later plans only read it).
generate() {
  java -XX:+UseSerialGC -cp "$cp_bench" io.glustershares.bench.GenerateDesiredState "$1" "$2" "$3" 3 2
  (cd "$1" && "$tool" plan --json >/dev/null)
}
