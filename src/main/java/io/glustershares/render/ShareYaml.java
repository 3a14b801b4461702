package io.glustershares.render;

import io.glustershares.model.AccessRule;
import io.glustershares.model.ShareSpec;
import io.glustershares.model.SnapshotSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** One share entry of a desired-state file as YAML, the way a person would write it. */
public final class ShareYaml {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@/-]*");
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+.]?[0-9][0-9a-fA-FoOxX._:+-]*");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

  private ShareYaml() {}

  /**
   * A list item starting with {@code "- "} at column 0, preceded by its comments; the caller
   * indents it to the list's column.
   */
  public static String entry(ShareSpec share, List<String> comments) {
    StringBuilder out = new StringBuilder();
    for (String comment : comments) {
      out.append("# ").append(comment.replace('\n', ' ')).append('\n');
    }
    out.append("- name: ").append(scalar(share.name())).append('\n');
    if (share.isAbsent()) {
      out.append("  state: absent\n");
    }
    share.cluster().ifPresent(c -> out.append("  cluster: ").append(scalar(c)).append('\n'));
    share.volume().ifPresent(v -> out.append("  volume: ").append(scalar(v)).append('\n'));
    if (share.size().isPresent()) {
      out.append("  size: ").append(share.size().getAsInt()).append('\n');
    }
    share
        .fromSnapshot()
        .ifPresent(
            f ->
                out.append("  fromSnapshot: { share: ")
                    .append(scalar(f.share()))
                    .append(", snapshot: ")
                    .append(scalar(f.snapshot()))
                    .append(" }\n"));
    if (!share.access().isEmpty()) {
      out.append("  access:\n");
      for (AccessRule rule : share.access()) {
        if (rule.certificate().isPresent()) {
          out.append("    - certificate: ").append(scalar(rule.certificate().get())).append('\n');
        } else {
          out.append("    - cn: ").append(scalar(rule.cn())).append('\n');
        }
      }
    }
    if (!share.snapshots().isEmpty()) {
      out.append("  snapshots:\n");
      for (SnapshotSpec s : share.snapshots()) {
        out.append("    - name: ").append(scalar(s.name())).append('\n');
        s.gluster().ifPresent(g -> out.append("      gluster: ").append(scalar(g)).append('\n'));
      }
    }
    return out.toString();
  }

  /** Plain when YAML reads it back as the same string; double-quoted otherwise. */
  static String scalar(String value) {
    if (PLAIN.matcher(value).matches()
        && !RESERVED.contains(value.toLowerCase(Locale.ROOT))
        && !NUMBER_LIKE.matcher(value).matches()) {
      return value;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
