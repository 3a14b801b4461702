package io.glustershares.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Adds share entries to a desired-state file's text, keeping everything else as written (comments,
 * order, quoting): new items go after the last item of the top-level {@code shares} block list.
 */
public final class SharesAppender {

  private SharesAppender() {}

  /**
   * @param items one YAML block per new share, each starting with {@code "- "} at column 0, its
   *     other lines indented by two (comment lines start with {@code "#"})
   * @param rewritten the file's existing entries in the same form, used only when its {@code
   *     shares} list is written in flow style ({@code [ ... ]}) and has to become a block list
   */
  public static String append(YamlDocument doc, List<String> items, List<String> rewritten) {
    String text = doc.text();
    if (items.isEmpty()) {
      return text;
    }
    List<String> lines = new ArrayList<>(text.lines().toList());
    Optional<Node> shares = doc.node(FieldPath.of("shares"));
    Optional<Node> key = keyNode(doc);
    if (shares.isPresent()
        && shares.get() instanceof SequenceNode seq
        && seq.getFlowStyle() == FlowStyle.BLOCK
        && !seq.getValue().isEmpty()) {
      Node first = seq.getValue().get(0);
      Node last = seq.getValue().get(seq.getValue().size() - 1);
      int itemLine = mark(first.getStartMark()).getLine();
      int dash = lines.get(itemLine).lastIndexOf('-', mark(first.getStartMark()).getColumn());
      Mark end = mark(last.getEndMark());
      // An end mark at column 0 is the start of the line after the item.
      int after = Math.min(end.getColumn() == 0 ? end.getLine() : end.getLine() + 1, lines.size());
      // Comments and blank lines after the last item belong to what follows the list.
      int lastItemLine = mark(last.getStartMark()).getLine();
      while (after - 1 > lastItemLine && isBlankOrComment(lines.get(after - 1))) {
        after--;
      }
      lines.addAll(Math.min(after, lines.size()), indent(items, Math.max(0, dash)));
      return String.join("\n", lines) + "\n";
    }
    List<String> all = new ArrayList<>(rewritten);
    all.addAll(items);
    List<String> block = new ArrayList<>();
    block.add("shares:");
    block.addAll(indent(all, 2));
    if (key.isEmpty() || shares.isEmpty()) {
      List<String> out = new ArrayList<>(lines);
      out.addAll(block);
      return String.join("\n", out) + "\n";
    }
    // shares: [] or shares: (nothing) or a flow list: replace the entry's lines.
    int from = mark(key.get().getStartMark()).getLine();
    Mark end = mark(shares.get().getEndMark());
    int to = shares.get() instanceof ScalarNode ? from : end.getLine();
    if (end.getColumn() == 0 && to > from) {
      to--;
    }
    List<String> out = new ArrayList<>(lines.subList(0, from));
    out.addAll(block);
    out.addAll(lines.subList(Math.min(to + 1, lines.size()), lines.size()));
    return String.join("\n", out) + "\n";
  }

  private static boolean isBlankOrComment(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  private static Optional<Node> keyNode(YamlDocument doc) {
    return doc.keyNode(FieldPath.of("shares"));
  }

  private static List<String> indent(List<String> items, int by) {
    String pad = " ".repeat(by);
    List<String> out = new ArrayList<>();
    for (String item : items) {
      item.lines().forEach(line -> out.add(line.isEmpty() ? line : pad + line));
    }
    return out;
  }

  private static Mark mark(Optional<Mark> mark) {
    return mark.orElseThrow(() -> new IllegalStateException("documents are parsed with marks"));
  }
}
