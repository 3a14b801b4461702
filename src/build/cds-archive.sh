#!/bin/sh
# Builds the class-data-sharing archive that bin/gluster-shares maps at start-up. Run by Maven in
# the package phase, right after the shaded jar is made:
#
#   src/build/cds-archive.sh JAR ARCHIVE EXAMPLES_DIR
#
# Training: validate, plan, plan --json, apply --dry-run and show on a copy of the quickstart (its
# simulated cluster), each recording the classes it loads; then one static archive of all of them, dumped with the
# same `java` the launcher runs. A static archive (not -XX:ArchiveClassesAtExit) because JDK 17's
# dynamic archive refuses classes older than Java 6, and picocli's are Java 5: dynamically, its
# 170-odd classes are parsed and verified again on every run.
#
# Never fails the build: where the JDK cannot dump an archive the launcher simply runs without one.
set -eu
jar=$1
archive=$2
examples=$3
java=${GLUSTER_SHARES_JAVA:-java}

if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  exit 0 # made from this very jar already
fi
rm -f "$archive"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The user's simulator faults and latency must not shape what is recorded.
unset GLUSTER_SHARES_SIM_FAULTS GLUSTER_SHARES_SIM_LATENCY_MS GLUSTER_SHARES_JAVA_OPTS
# The launcher's options: an archive is only mapped by a JVM with the same GC and class pointers.
opts="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m"

# Each training run in a copy of its own (the simulator keeps state in the working directory), all
# at once: the build waits for the slowest, not for the sum.
train() {
  n=$1
  shift
  cp -R "$examples/quickstart" "$work/$n"
  (cd "$work/$n" &&
    "$java" $opts -XX:DumpLoadedClassList="$work/$n.classes" -jar "$jar" "$@" -f gluster-shares.yaml \
      >/dev/null 2>"$work/$n.err" && touch "$work/$n.ok")
}

train 1 validate &
train 2 plan &
train 3 plan --json &
# Each command is built only when named (Main.commandLine), so apply's and show's classes are
# recorded by runs of their own.
train 4 apply --dry-run &
train 5 show &
wait
if [ ! -f "$work/1.ok" ] || [ ! -f "$work/2.ok" ] || [ ! -f "$work/3.ok" ] ||
  [ ! -f "$work/4.ok" ] || [ ! -f "$work/5.ok" ]; then
  echo "[WARNING] gluster-shares: no class-data archive (a training run failed); the launcher runs without one:" >&2
  cat "$work"/*.err >&2
  exit 0
fi
# One line per class or lambda: the JDK's dump crashes on a lambda listed twice.
cat "$work"/1.classes "$work"/2.classes "$work"/3.classes "$work"/4.classes "$work"/5.classes | awk '!seen[$0]++' >"$work/all.classes"
if ! "$java" $opts -Xshare:dump -XX:SharedClassListFile="$work/all.classes" \
  -XX:SharedArchiveFile="$work/archive.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$jar" >"$work/dump.log" 2>&1; then
  echo "[WARNING] gluster-shares: this JDK could not dump a class-data archive; the launcher runs without one" >&2
  tail -5 "$work/dump.log" >&2
  exit 0
fi
mv "$work/archive.jsa" "$archive"
