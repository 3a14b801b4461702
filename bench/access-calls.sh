#!/bin/sh
# Benchmark (issue 17): one `volume set` per share per access change, whatever the number of CNs
# added and removed (the final list, written at once, revokes in the same call as it grants). On
# the simulator, whose .calls log holds the argv of every call: 5 shares are created, then each
# gains two CNs and loses one; the access apply's calls are counted. Exits 1 on more than 5
# `volume set` calls, or on any cluster-wide option (nfs.export-volumes) in a share action.
set -eu
. "$(dirname "$0")/harness.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/locks"
chmod 700 "$dir/locks"
export GLUSTER_SHARES_LOCK_DIR="$dir/locks"
cd "$dir"
printf 'host: gluster-bench\nversion: "10.3"\ngenerate:\n  - { name: "pool-{size}G-{n}", sizes: { 1: 10 }, ready: true }\n' >pool.yaml
# desired CN1 CN2...: five shares with those CNs
desired() {
  printf "apiVersion: gluster-shares/v1\nstack: bench\nvolumePattern: 'pool-#{size}G-\\\\d+\$'\n"
  printf 'clusters:\n  east:\n    server: sim:pool.yaml\n    infrastructureCns: [glusterfs-server-1, manila-host]\nshares:\n'
  for s in 1 2 3 4 5; do
    printf '  - name: share-%s\n    size: 1\n    access:\n' "$s"
    for cn in "$@"; do printf '      - cn: %s-%s\n' "$cn" "$s"; done
  done
}
desired tenant-a tenant-b >gluster-shares.yaml
"$tool" apply --auto-approve >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }
creates=$(grep -c . .gluster-shares/east.calls)
desired tenant-a tenant-c tenant-d >gluster-shares.yaml
"$tool" apply --auto-approve >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }
tail -n +"$((creates + 1))" .gluster-shares/east.calls >access.calls
sets=$(grep -c ' volume set ' access.calls || true)
wide=$(grep -c 'nfs.export-volumes' .gluster-shares/east.calls || true)
echo "access change of 5 shares (+2 CNs, -1 CN each): $sets volume set calls of $(grep -c . access.calls) calls, target <= 5; cluster-wide option sets in the whole run: $wide, target 0"
if [ "$sets" -gt 5 ] || [ "$wide" -ne 0 ]; then
  echo "MISS" >&2
  exit 1
fi
echo PASS
