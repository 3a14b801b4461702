#!/bin/sh
# Benchmark (issue 17): parallel clusters by default. An apply of new shares over 8 simulated
# clusters of uneven size (1, 1, 2, 2, 3, 4, 5 and 6 shares; 100 ms per gluster call,
# GLUSTER_SHARES_SIM_LATENCY_MS) at the default parallelism, against an apply of the slowest
# cluster's 6 shares alone, both from a fresh simulated state each run, JVM start included.
# Target: at most 1.2 times (before issue 17's default of every cluster up to 16, it was 1.9-2.5
# at --parallelism 4).
set -eu
. "$(dirname "$0")/harness.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/all" "$dir/slowest" "$dir/locks"
chmod 700 "$dir/locks"
# pool FILE: a cluster with ten free, ready 1 GB volumes
pool() {
  printf 'host: %s\nversion: "10.3"\ngenerate:\n  - { name: "pool-{size}G-{n}", sizes: { 1: 10 }, ready: true }\n' "$2" >"$1"
}
header() {
  printf "apiVersion: gluster-shares/v1\nstack: bench\nvolumePattern: 'pool-#{size}G-\\\\d+\$'\nclusters:\n"
}
# shares CLUSTER N: N shares of 1 GB pinned to CLUSTER, two CNs each
shares() {
  i=1
  while [ "$i" -le "$2" ]; do
    printf '  - { name: %s-share-%s, size: 1, cluster: %s, access: [ { cn: tenant-%s-%s }, { cn: tenant-%s-%s-b } ] }\n' \
      "$1" "$i" "$1" "$1" "$i" "$1" "$i"
    i=$((i + 1))
  done
}
sizes="c1:1 c2:1 c3:2 c4:2 c5:3 c6:4 c7:5 c8:6"
{
  header
  for cs in $sizes; do
    c=${cs%%:*}
    pool "$dir/all/$c.yaml" "gluster-$c"
    printf '  %s:\n    server: sim:%s.yaml\n    infrastructureCns: [glusterfs-server-1, manila-host]\n' "$c" "$c"
  done
  echo "shares:"
  for cs in $sizes; do shares "${cs%%:*}" "${cs##*:}"; done
} >"$dir/all/gluster-shares.yaml"
pool "$dir/slowest/c8.yaml" gluster-c8
{
  header
  printf '  c8:\n    server: sim:c8.yaml\n    infrastructureCns: [glusterfs-server-1, manila-host]\n'
  echo "shares:"
  shares c8 6
} >"$dir/slowest/gluster-shares.yaml"
export GLUSTER_SHARES_SIM_LATENCY_MS=100 GLUSTER_SHARES_LOCK_DIR="$dir/locks"
apply() {
  echo "sh -c \"cd '$1' && rm -rf .gluster-shares && exec '$tool' apply --auto-approve >/dev/null\""
}
# Each side must really apply everything; a failed apply would look fast.
for d in all slowest; do
  (cd "$dir/$d" && "$tool" apply --auto-approve >/dev/null && "$tool" plan --detailed-exitcode >/dev/null) || {
    echo "bench: the apply in $d did not converge" >&2
    exit 1
  }
done
eval "compare 'uneven clusters: apply 8 clusters (24 shares) / the slowest cluster (6 shares) alone, 100 ms per call' 1.2 -- $(apply "$dir/slowest") -- $(apply "$dir/all")"
