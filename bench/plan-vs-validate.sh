#!/bin/sh
# Benchmark (issue 17): planning is cheap next to reading the file. `plan --json` of 10 000 shares
# over 100 simulated clusters (refresh, planner, JSON) against `validate` of the same file (load,
# schema, rules). Target: at most 1.8 times.
set -eu
. "$(dirname "$0")/harness.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
generate "$dir" 10000 100
compare "plan vs validate: plan --json / validate, 10 000 shares on 100 clusters" 1.8 --dir "$dir" \
  -- "$tool" validate \
  -- "$tool" plan --json
