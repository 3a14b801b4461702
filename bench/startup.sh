#!/bin/sh
# Benchmark (issue 17): the fixed start-up cost. `validate` of the quickstart file, a small
# desired state with a certificate and a simulated cluster, against `java -version` (the JVM's own
# floor on this machine). Target: at most 5 times.
set -eu
. "$(dirname "$0")/harness.sh"
compare "startup: small validate / java -version" 5 \
  -- java -version \
  -- "$tool" validate -f examples/quickstart/gluster-shares.yaml
