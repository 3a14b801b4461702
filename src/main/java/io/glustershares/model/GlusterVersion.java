package io.glustershares.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A gluster version as {@code gluster --version} reports it on its first line. */
public record GlusterVersion(int major, int minor, String text)
    implements Comparable<GlusterVersion> {

  /** The oldest gluster the GlusterFS Native driver supports. */
  public static final GlusterVersion MINIMUM = new GlusterVersion(3, 6, "3.6");

  /** Snapshot clones (shares from snapshots) need this. */
  public static final GlusterVersion CLONES = new GlusterVersion(3, 7, "3.7");

  /** {@code server.dynamic-auth} (a deny cuts connected clients off without a restart). */
  public static final GlusterVersion DYNAMIC_AUTH = new GlusterVersion(3, 7, "3.7");

  private static final Pattern FIRST_LINE = Pattern.compile("^glusterfs (\\d+)\\.(\\d+)(\\S*)");

  /** Parses {@code gluster --version} output; empty when it is not gluster's. */
  public static Optional<GlusterVersion> parse(String output) {
    Matcher m = FIRST_LINE.matcher(output.strip());
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new GlusterVersion(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            m.group(1) + "." + m.group(2) + m.group(3)));
  }

  public boolean atLeast(GlusterVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(GlusterVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return text;
  }
}
