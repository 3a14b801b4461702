package io.glustershares.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * GNU {@code find} over a simulated volume's files: global options {@code -xdev}, {@code
 * -mindepth}, {@code -maxdepth}; tests {@code -path}, {@code -name}, {@code -type d|f}; actions
 * {@code -delete} (depth first, as {@code -delete} implies {@code -depth}), {@code -print}, {@code
 * -quit}; operators {@code !}, {@code ( )}, {@code -a}, {@code -o}, with find's short-circuit
 * evaluation. Enough to run both the wipe's and older forms of its expressions faithfully.
 */
final class SimFind {

  record Result(int exitCode, String stdout, String stderr, boolean changed) {}

  /** What gluster never lets a client delete (CLI reference §9). */
  private static final Set<String> UNDELETABLE = Set.of(".trashcan", ".trashcan/internal_op");

  private sealed interface Node {}

  private record Not(Node node) implements Node {}

  private record And(List<Node> nodes) implements Node {}

  private record Or(Node left, Node right) implements Node {}

  private record Test(String kind, String arg) implements Node {}

  private record Entry(String rel, boolean dir) {}

  private final String start;
  private final TreeSet<String> files;
  private final List<String> words;
  private int pos;
  private int minDepth;
  private int maxDepth = Integer.MAX_VALUE;
  private boolean hasAction;
  private boolean deletes;
  private boolean quit;
  private boolean changed;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();

  private SimFind(String start, TreeSet<String> files, List<String> words) {
    this.start = start;
    this.files = files;
    this.words = words;
  }

  /**
   * @param files the volume's files, relative, directories ending with '/'; changed by -delete
   * @param argv the whole command, {@code find START ...}
   */
  static Result run(String start, TreeSet<String> files, List<String> argv) {
    SimFind find = new SimFind(start, files, argv.subList(2, argv.size()));
    Node expression = find.parse();
    return find.walk(expression);
  }

  private Node parse() {
    Node expression = words.isEmpty() ? new And(List.of()) : or();
    if (pos < words.size()) {
      throw new IllegalArgumentException("unexpected '" + words.get(pos) + "'");
    }
    return expression;
  }

  private Node or() {
    Node left = and();
    while (pos < words.size() && words.get(pos).equals("-o")) {
      pos++;
      left = new Or(left, and());
    }
    return left;
  }

  private Node and() {
    List<Node> nodes = new ArrayList<>();
    while (pos < words.size() && !words.get(pos).equals(")") && !words.get(pos).equals("-o")) {
      if (words.get(pos).equals("-a")) {
        pos++;
        continue;
      }
      nodes.add(unary());
    }
    return new And(nodes);
  }

  private Node unary() {
    String word = words.get(pos++);
    switch (word) {
      case "!":
        return new Not(unary());
      case "(":
        Node inner = or();
        if (pos >= words.size() || !words.get(pos).equals(")")) {
          throw new IllegalArgumentException("missing ')'");
        }
        pos++;
        return inner;
      case "-xdev":
      case "-mount":
        // One filesystem: a simulated volume holds no other mounts.
        return new And(List.of());
      case "-mindepth":
        minDepth = Integer.parseInt(argument(word));
        return new And(List.of());
      case "-maxdepth":
        maxDepth = Integer.parseInt(argument(word));
        return new And(List.of());
      case "-path":
      case "-name":
      case "-type":
        return new Test(word, argument(word));
      case "-delete":
        hasAction = true;
        deletes = true;
        return new Test(word, "");
      case "-print":
      case "-quit":
        hasAction = true;
        return new Test(word, "");
      default:
        throw new IllegalArgumentException("unknown predicate '" + word + "'");
    }
  }

  private String argument(String option) {
    if (pos >= words.size()) {
      throw new IllegalArgumentException("missing argument to '" + option + "'");
    }
    return words.get(pos++);
  }

  private Result walk(Node expression) {
    List<Entry> entries = entries();
    // -delete implies -depth: what is inside a directory comes before the directory.
    entries.sort(
        deletes ? Comparator.comparing(Entry::rel).reversed() : Comparator.comparing(Entry::rel));
    for (Entry e : entries) {
      int depth = e.rel().split("/").length;
      if (depth < minDepth || depth > maxDepth) {
        continue;
      }
      boolean matched = eval(expression, e);
      if (matched && !hasAction) {
        out.append(path(e)).append('\n');
      }
      if (quit) {
        break;
      }
    }
    return new Result(err.length() == 0 ? 0 : 1, out.toString(), err.toString(), changed);
  }

  /** Every file and directory, with the directories that are only implied by what is in them. */
  private List<Entry> entries() {
    TreeSet<String> dirs = new TreeSet<>();
    TreeSet<String> plain = new TreeSet<>();
    for (String f : files) {
      String rel = strip(f);
      if (f.endsWith("/")) {
        dirs.add(rel);
      } else {
        plain.add(rel);
      }
      for (int slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
        dirs.add(rel.substring(0, slash));
      }
    }
    List<Entry> entries = new ArrayList<>();
    dirs.forEach(d -> entries.add(new Entry(d, true)));
    plain.stream().filter(p -> !dirs.contains(p)).forEach(p -> entries.add(new Entry(p, false)));
    return entries;
  }

  private boolean eval(Node node, Entry e) {
    if (node instanceof Not not) {
      return !eval(not.node(), e);
    }
    if (node instanceof And and) {
      for (Node n : and.nodes()) {
        if (!eval(n, e)) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof Or or) {
      return eval(or.left(), e) || eval(or.right(), e);
    }
    if (!(node instanceof Test t)) {
      throw new IllegalStateException("unknown find node " + node);
    }
    return switch (t.kind()) {
      case "-path" -> glob(t.arg()).matcher(path(e)).matches();
      case "-name" ->
          glob(t.arg()).matcher(e.rel().substring(e.rel().lastIndexOf('/') + 1)).matches();
      case "-type" -> t.arg().equals("d") ? e.dir() : t.arg().equals("f") && !e.dir();
      case "-print" -> {
        out.append(path(e)).append('\n');
        yield true;
      }
      case "-quit" -> {
        quit = true;
        yield true;
      }
      default -> delete(e);
    };
  }

  private boolean delete(Entry e) {
    String below = e.rel() + "/";
    if (e.dir() && files.stream().anyMatch(f -> f.startsWith(below) && !f.equals(below))) {
      err.append("find: cannot delete '").append(path(e)).append("': Directory not empty\n");
      return false;
    }
    if (e.dir() && UNDELETABLE.contains(e.rel())) {
      err.append("find: cannot delete '").append(path(e)).append("': Operation not permitted\n");
      return false;
    }
    changed |= files.remove(e.rel()) | files.remove(e.rel() + "/");
    return true;
  }

  private String path(Entry e) {
    return start + "/" + e.rel();
  }

  private static String strip(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** fnmatch(3) without FNM_PATHNAME, as -path uses it: '*' matches '/' too. */
  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
