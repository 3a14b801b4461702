package io.glustershares.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The build's man pages, one per command ({@code gluster-shares.1}, {@code gluster-shares-plan.1},
 * …), from the same picocli model that parses the command line, so they never disagree with {@code
 * --help}. picocli's {@link ManPageGenerator} writes each as AsciiDoc; {@link ManRoff} turns that
 * into the roff {@code man} reads (Asciidoctor, which would, is not in the build). Run by {@code
 * mvn package} (picocli-codegen is on the build's class path only, never in the jar).
 */
public final class ManPages {

  private ManPages() {}

  /** {@code ManPages DIR}: writes every page into DIR. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPages OUTPUT_DIRECTORY");
    }
    List<Path> pages = write(Path.of(args[0]));
    System.out.println(pages.size() + " man pages in " + args[0]);
  }

  /** Writes the pages into {@code dir} and returns them. */
  static List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
    Context context =
        new Context(
            nowhere,
            nowhere,
            new Environment(dir, Map.of(), false, InputStream.nullInputStream(), Clock.systemUTC()),
            Optional.empty());
    List<Path> pages = new ArrayList<>();
    write(Main.commandLine(context), dir, pages);
    return pages;
  }

  private static void write(CommandLine command, Path dir, List<Path> pages) {
    CommandSpec spec = command.getCommandSpec();
    StringWriter adoc = new StringWriter();
    try (PrintWriter w = new PrintWriter(adoc)) {
      ManPageGenerator.writeSingleManPage(w, spec);
    }
    Path page = dir.resolve(spec.qualifiedName("-") + ".1");
    try {
      Files.writeString(page, ManRoff.convert(adoc.toString()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pages.add(page);
    command.getSubcommands().values().stream()
        .filter(sub -> sub.getParent() == command)
        .forEach(sub -> write(sub, dir, pages));
  }
}
