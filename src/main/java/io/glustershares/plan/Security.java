package io.glustershares.plan;

import io.glustershares.model.GlusterBoolean;
import io.glustershares.model.GlusterVersion;
import io.glustershares.model.Volume;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The secured state of a share volume (SPEC §3) and how a volume differs from it. */
public final class Security {

  public static final String SSL_ALLOW = "auth.ssl-allow";
  public static final String CLIENT_SSL = "client.ssl";
  public static final String SERVER_SSL = "server.ssl";

  /**
   * Cluster-wide in glusterd: setting it on one volume sets it on every volume of the cluster,
   * foreign ones included, and {@code volume reset} does not undo it. No share action sets it; only
   * {@code doctor} reads it, where a gluster NFS server exists.
   */
  public static final String NFS_EXPORT = "nfs.export-volumes";

  public static final String DYNAMIC_AUTH = "server.dynamic-auth";
  public static final String NFS_DISABLE = "nfs.disable";

  /**
   * Every share volume has these set explicitly; defaults differ between gluster versions. Each is
   * an option of the volume alone: {@code nfs.disable on} keeps gluster's NFS server (where one is
   * installed) from exporting it, without touching any other volume.
   */
  public static final Map<String, String> SECURED = secured();

  /**
   * The secured state on {@code version}: without {@code server.dynamic-auth} on a gluster that has
   * no such option (3.6 refuses it, and Manila's {@code _setup_via_manager} ignores that failure);
   * a deny there is a restart.
   */
  public static Map<String, String> secured(GlusterVersion version) {
    if (version.atLeast(GlusterVersion.DYNAMIC_AUTH)) {
      return SECURED;
    }
    Map<String, String> m = new LinkedHashMap<>(SECURED);
    m.remove(DYNAMIC_AUTH);
    return Collections.unmodifiableMap(m);
  }

  /** Changing these needs a volume restart: the running brick reads them only at start. */
  public static final Set<String> NEEDS_RESTART = Set.of(CLIENT_SSL, SERVER_SSL);

  private static Map<String, String> secured() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(CLIENT_SSL, "on");
    m.put(SERVER_SSL, "on");
    m.put(NFS_DISABLE, "on");
    m.put(DYNAMIC_AUTH, "on");
    return Collections.unmodifiableMap(m);
  }

  /**
   * One option that is not as a share volume needs it.
   *
   * @param actual what the volume has: a value, or unset (never absent)
   */
  public record Drift(String option, String expected, Change.Value actual) {
    @Override
    public String toString() {
      return option + " " + actual.text().orElseThrow() + " → " + expected;
    }
  }

  private Security() {}

  /** The CNs of an {@code auth.ssl-allow} value, split as gluster and Manila split it. */
  public static List<String> cns(String sslAllow) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= sslAllow.length(); i++) {
      if (i == sslAllow.length() || sslAllow.charAt(i) == ',' || sslAllow.charAt(i) == ' ') {
        String cn = sslAllow.substring(start, i);
        if (!cn.isEmpty() && !out.contains(cn)) {
          out.add(cn);
        }
        start = i + 1;
      }
    }
    return out;
  }

  public static List<String> cns(Volume volume) {
    return volume.option(SSL_ALLOW).map(Security::cns).orElse(List.of());
  }

  /** Sorted and comma-joined, as Manila writes it. */
  public static String join(Set<String> cns) {
    return String.join(",", new TreeSet<>(cns));
  }

  /**
   * Option drift of a share volume; "(unset)" when gluster has no explicit value. Values are read
   * as gluster reads booleans: Manila's {@code ON}/{@code OFF}, {@code yes}, {@code enable}, {@code
   * 1} are what they mean, in any case.
   */
  public static List<Drift> optionDrift(Volume volume) {
    return optionDrift(volume, GlusterVersion.DYNAMIC_AUTH);
  }

  /** Option drift on {@code version}: only the options it has (see {@link #secured}). */
  public static List<Drift> optionDrift(Volume volume, GlusterVersion version) {
    List<Drift> drift = new ArrayList<>();
    secured(version)
        .forEach(
            (option, expected) -> {
              String actual = volume.option(option).orElse("(unset)");
              if (!GlusterBoolean.same(expected, actual)) {
                drift.add(new Drift(option, expected, Change.Value.option(volume.option(option))));
              }
            });
    return drift;
  }

  /**
   * Whether an {@code auth.ssl-allow} entry names exactly one CN. gluster matches every entry as a
   * glob pattern ({@code tenant-[b]} lets {@code tenant-b} in, {@code manila-host*} lets {@code
   * manila-hostile} in), a backslash breaks the brick's volfile, and whitespace and control
   * characters are not part of any CN we allow: such an entry is drift, never kept or copied.
   */
  public static boolean isSafeEntry(String entry) {
    if (entry.isEmpty()) {
      return false;
    }
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == ',') {
        return false;
      }
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        return false;
      }
      if (Character.getType(c) == Character.FORMAT) {
        return false; // invisible and bidi controls (U+200B, U+202E, ...)
      }
    }
    return true;
  }

  /** An entry as it may be printed: control, format and non-ASCII space characters escaped. */
  public static String printable(String entry) {
    StringBuilder out = new StringBuilder();
    entry
        .codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20
                  || cp == 0x7f
                  || Character.getType(cp) == Character.FORMAT
                  || Character.isISOControl(cp)
                  || (Character.isSpaceChar(cp) && cp != ' ')) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    String s = out.toString();
    return s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + " chars)" : s;
  }
}
