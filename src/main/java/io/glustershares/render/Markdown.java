package io.glustershares.render;

import io.glustershares.planfile.Provenance;

/** What the Markdown documents (plan and audit summaries for merge requests) share. */
final class Markdown {

  private Markdown() {}

  /** A value inside a table cell: pipes escaped, on one line. */
  static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** One line saying where the document comes from. */
  static String provenance(Provenance p) {
    StringBuilder sb = new StringBuilder("`").append(p.file()).append('`');
    p.gitLine().ifPresent(line -> sb.append(" · git: ").append(line));
    sb.append(" · sha256 `").append(p.digest(), 0, 12).append('`');
    sb.append(" · gluster-shares ").append(p.toolVersion());
    sb.append(" · ").append(p.createdAt());
    return sb.toString();
  }
}
