package io.glustershares;

import static org.assertj.core.api.Assertions.assertThat;

import io.glustershares.gluster.ClusterReader;
import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.ProcessResult;
import io.glustershares.gluster.Runner;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies between packages point one way (STYLE.md): the planner never does I/O. */
class ArchitectureTest {

  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "model",
          Set.of(),
          "load",
          Set.of("model"),
          "gluster",
          Set.of("model"),
          "sim",
          Set.of("gluster", "model"),
          "plan",
          Set.of("model"),
          "inspect",
          Set.of("plan", "model"),
          "render",
          Set.of("inspect", "planfile", "plan", "model"),
          "planfile",
          Set.of("plan", "model"),
          "apply",
          Set.of("plan", "gluster", "model"),
          "cli",
          Set.of(
              "model", "load", "gluster", "sim", "plan", "inspect", "render", "planfile", "apply"));

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.glustershares\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void everyImportPointsTheAllowedWay() throws IOException {
    Path root = Path.of("src/main/java/io/glustershares");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(file).getName(0).toString();
        assertThat(ALLOWED).as("package %s has no rule", pkg).containsKey(pkg);
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String target = m.group(1);
          if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
            violations.add(file + " imports " + target);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageSaysWhatItOwns() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("src/main/java/io/glustershares"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        assertThat(dir.resolve("package-info.java")).exists();
      }
    }
  }

  /**
   * Read from the compiled classes, so that it sees every type the planner uses, however the source
   * names it: an import, a fully qualified name inline, a descriptor, a generic signature.
   */
  @Test
  void thePlannerDoesNoIo() throws IOException {
    Path plan = Path.of("target/classes/io/glustershares/plan");
    List<Path> classes;
    try (Stream<Path> files = Files.walk(plan)) {
      classes = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(classes).as("compiled classes of the planner").isNotEmpty();
    List<String> violations = new ArrayList<>();
    for (Path file : classes) {
      ioTypes(file).forEach(type -> violations.add(plan.relativize(file) + " uses " + type));
    }
    assertThat(violations).isEmpty();
  }

  /**
   * What can run any command — a {@code GlusterClient}, a {@code Runner} of any kind, the CLI's
   * {@code Connections.executors()} — is reached from apply and the CLI's apply wiring only (and
   * from gluster and sim, which make them). Read from the compiled classes, as above.
   */
  @Test
  void onlyApplyReachesTheExecutor() throws IOException {
    Path classes = Path.of("target/classes/io/glustershares");
    Set<String> makers = Set.of("gluster", "sim", "apply");
    Set<String> applyWiring = Set.of("Connections", "ApplyCommand", "ApplyLocks");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        Path relative = classes.relativize(file);
        String pkg = relative.getName(0).toString();
        String outer = relative.getFileName().toString().replaceAll("[$.].*", "");
        if (makers.contains(pkg) || pkg.equals("cli") && applyWiring.contains(outer)) {
          continue;
        }
        executorNames(file).forEach(name -> violations.add(relative + " reaches " + name));
      }
    }
    assertThat(violations).isEmpty();
  }

  /** The check sees a class that reaches an executor (this test's own {@code Reaches}). */
  @Test
  void theExecutorCheckSeesAUse() throws IOException {
    Path reaches = Path.of("target/test-classes/io/glustershares/ArchitectureTest$Reaches.class");
    assertThat(executorNames(reaches)).containsExactly("io/glustershares/gluster/Runner");
  }

  /** Holds a runner, as no class outside apply may. */
  static final class Reaches {
    private Reaches() {}

    static String where(io.glustershares.gluster.Runner runner) {
      return runner.describe();
    }
  }

  /**
   * Whoever holds the reader of a cluster can run no argv of its choosing, nor get what can: no
   * instance method takes a list, an array, a string or an executor, and none returns an executor
   * or a process's result. (Its static factories take the client they wrap: that is wiring.)
   */
  @Test
  void theClusterReaderCannotRunACommand() {
    List<String> violations = new ArrayList<>();
    for (Method m : ClusterReader.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      for (Class<?> type :
          Modifier.isStatic(m.getModifiers()) ? new Class<?>[0] : m.getParameterTypes()) {
        if (Collection.class.isAssignableFrom(type)
            || Map.class.isAssignableFrom(type)
            || type.isArray()
            || type == String.class
            || executorType(type)) {
          violations.add(m.getName() + " takes a " + type.getSimpleName());
        }
      }
      if (executorType(m.getReturnType()) || m.getReturnType() == ProcessResult.class) {
        violations.add(m.getName() + " returns a " + m.getReturnType().getSimpleName());
      }
    }
    for (Field f : ClusterReader.class.getDeclaredFields()) {
      if (!Modifier.isPrivate(f.getModifiers())) {
        violations.add("field " + f.getName() + " is not private");
      }
    }
    assertThat(violations).isEmpty();
  }

  private static boolean executorType(Class<?> type) {
    return GlusterClient.class.isAssignableFrom(type) || Runner.class.isAssignableFrom(type);
  }

  private static final Pattern EXECUTOR =
      Pattern.compile(
          "io/glustershares/(gluster/(GlusterClient|Runner|SshRunner|LocalRunner)|sim/SimRunner)"
              + "(?=[;<>$]|$)");

  /** The executor types a class file names, and {@code executors} if it calls that method. */
  private static Set<String> executorNames(Path classFile) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String name : ClassNames.of(Files.readAllBytes(classFile))) {
      Matcher m = EXECUTOR.matcher(name);
      while (m.find()) {
        out.add(m.group());
      }
      if (name.equals("executors")) {
        out.add("Connections.executors()");
      }
    }
    return out;
  }

  /** The check is not blind: a type named only inline, never imported, is caught. */
  @Test
  void theIoCheckSeesFullyQualifiedNames() throws IOException {
    Path inline = Path.of("target/test-classes/io/glustershares/ArchitectureTest$InlineIo.class");
    assertThat(ioTypes(inline)).containsExactly("java/nio/file/Path");
  }

  /** Names an I/O type the way an import check cannot see (on purpose: keep it inline). */
  static final class InlineIo {
    private InlineIo() {}

    static Object here() {
      return Path.of(".");
    }
  }

  private static final List<String> IO_TYPES =
      List.of(
          "java/io/",
          "java/nio/file/",
          "java/nio/channels/",
          "java/net/",
          "java/lang/Process",
          "java/lang/Runtime");

  /**
   * The I/O types in a class file's constant pool: every name, descriptor and signature it holds
   * (string literals are left out: a message may speak of a file).
   */
  private static Set<String> ioTypes(Path classFile) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String name : ClassNames.of(Files.readAllBytes(classFile))) {
      for (String type : IO_TYPES) {
        int at = name.indexOf(type);
        if (at >= 0) {
          int end = at;
          while (end < name.length() && ";<>()[".indexOf(name.charAt(end)) < 0) {
            end++;
          }
          out.add(name.substring(at, end));
        }
      }
    }
    return out;
  }

  /** The constant pool of a class file, read as the JVM specification (§4.4) lays it out. */
  private static final class ClassNames {
    private ClassNames() {}

    /** The UTF-8 constants that are not string literals: names, descriptors, signatures. */
    static Set<String> of(byte[] bytes) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      int count = in.readUnsignedShort();
      Map<Integer, String> utf8 = new HashMap<>();
      Set<Integer> literals = new HashSet<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8.put(i, in.readUTF());
          case 8 -> literals.add(in.readUnsignedShort());
          case 7, 16, 19, 20 -> in.readUnsignedShort();
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // eight-byte constants take two entries
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      Set<String> names = new HashSet<>();
      utf8.forEach(
          (index, text) -> {
            if (!literals.contains(index)) {
              names.add(text);
            }
          });
      return names;
    }
  }
}
