package io.glustershares.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * The pipelines in {@code examples/ci/} are real: they parse as YAML, their jobs are well formed,
 * and every {@code gluster-shares} command in them parses with the options the tool has.
 */
class CiExamplesTest {

  private static final Path CI = Path.of("examples/ci");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String file) throws Exception {
    Object doc =
        new Load(LoadSettings.builder().setLabel(file).build())
            .loadFromString(Files.readString(CI.resolve(file)));
    assertThat(doc).as(file).isInstanceOf(Map.class);
    return (Map<String, Object>) doc;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGitHubWorkflowIsWellFormedAndCoversTheCycle() throws Exception {
    Map<String, Object> workflow = load("github-actions.yml");
    Map<String, Object> on = (Map<String, Object>) workflow.get("on");
    assertThat(on).containsKeys("pull_request", "push", "schedule");
    Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
    List<String> scripts = new ArrayList<>();
    jobs.forEach(
        (name, value) -> {
          Map<String, Object> job = (Map<String, Object>) value;
          assertThat(job).as(name).containsKeys("runs-on", "steps");
          for (Object n : needs(job.get("needs"))) {
            assertThat(jobs).as(name + " needs").containsKey((String) n);
          }
          for (Object s : (List<Object>) job.get("steps")) {
            Map<String, Object> step = (Map<String, Object>) s;
            assertThat(step.containsKey("run") ^ step.containsKey("uses"))
                .as(name + ": a step runs a command or uses an action: " + step)
                .isTrue();
            if (step.containsKey("run")) {
              scripts.add((String) step.get("run"));
            }
          }
        });
    Map<String, Object> apply = (Map<String, Object>) jobs.get("apply");
    assertThat(apply)
        .containsEntry("environment", "production")
        .containsEntry("needs", "plan-main");

    List<List<String>> commands = commands(scripts);
    assertCycle(commands);
    commands.forEach(CiExamplesTest::assertParses);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGitLabPipelineIsWellFormedAndCoversTheCycle() throws Exception {
    Map<String, Object> pipeline = load("gitlab-ci.yml");
    List<Object> stages = (List<Object>) pipeline.get("stages");
    Set<String> reserved = Set.of("stages", "variables", "default", "workflow", "include");
    List<String> scripts = new ArrayList<>();
    Map<String, Object> defaults = (Map<String, Object>) pipeline.get("default");
    scripts.addAll((List<String>) defaults.get("before_script"));
    Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    pipeline.forEach(
        (name, value) -> {
          if (!reserved.contains(name)) {
            jobs.put(name, (Map<String, Object>) value);
          }
        });
    jobs.forEach(
        (name, job) -> {
          assertThat(stages).as(name + " stage").contains(job.get("stage"));
          assertThat(job).as(name).containsKeys("script", "rules");
          for (Object n : needs(job.get("needs"))) {
            assertThat(jobs).as(name + " needs").containsKey((String) n);
          }
          for (String key : List.of("script", "after_script")) {
            if (job.containsKey(key)) {
              scripts.addAll((List<String>) job.get(key));
            }
          }
        });
    List<Map<String, Object>> applyRules =
        (List<Map<String, Object>>) jobs.get("apply").get("rules");
    assertThat(applyRules).anySatisfy(r -> assertThat(r).containsEntry("when", "manual"));
    Map<String, Object> artifacts = (Map<String, Object>) jobs.get("audit").get("artifacts");
    assertThat((Map<String, Object>) artifacts.get("reports")).containsEntry("junit", "audit.xml");

    List<List<String>> commands = commands(scripts);
    assertCycle(commands);
    commands.forEach(CiExamplesTest::assertParses);
  }

  private static List<Object> needs(Object needs) {
    if (needs == null) {
      return List.of();
    }
    return needs instanceof List<?> list ? new ArrayList<>(list) : List.of(needs);
  }

  /** validate; plan with --diff-rev, markdown and a saved plan; apply of it; audit as JUnit. */
  private static void assertCycle(List<List<String>> commands) {
    assertThat(commands).anySatisfy(c -> assertThat(c).startsWith("validate"));
    assertThat(commands)
        .anySatisfy(
            c -> assertThat(c).startsWith("plan").contains("--diff-rev", "--out", "markdown"));
    assertThat(commands).anySatisfy(c -> assertThat(c).startsWith("apply", "plan.json"));
    assertThat(commands).anySatisfy(c -> assertThat(c).startsWith("audit").contains("junit"));
    assertThat(commands)
        .anySatisfy(c -> assertThat(c).startsWith("apply").contains("--only-scheduled"));
  }

  private static void assertParses(List<String> args) {
    StringWriter sink = new StringWriter();
    Context context =
        new Context(
            new PrintWriter(sink),
            new PrintWriter(sink),
            new Environment(
                Path.of("."),
                Map.of(),
                false,
                new ByteArrayInputStream(new byte[0]),
                Clock.systemUTC()),
            Optional.empty());
    CommandLine.ParseResult parsed =
        Main.commandLine(context).parseArgs(args.toArray(String[]::new));
    assertThat(parsed.subcommand()).as(String.join(" ", args)).isNotNull();
    assertThat(parsed.subcommand().unmatched()).as(String.join(" ", args)).isEmpty();
  }

  /** Every {@code gluster-shares ...} invocation in the scripts, as the argv after the name. */
  static List<List<String>> commands(List<String> scripts) {
    List<List<String>> out = new ArrayList<>();
    for (String script : scripts) {
      List<String> words = ShellWords.split(script.replace("\\\n", " "));
      for (int i = 0; i < words.size(); i++) {
        boolean commandPosition = i == 0 || ShellWords.isOperator(words.get(i - 1));
        if (commandPosition && words.get(i).equals("gluster-shares")) {
          List<String> argv = new ArrayList<>();
          for (int j = i + 1; j < words.size() && !ShellWords.isOperator(words.get(j)); j++) {
            if (words.get(j).startsWith(">")) {
              j++; // a redirection and its target
              continue;
            }
            if (!words.get(j).isEmpty()) {
              argv.add(words.get(j));
            }
          }
          out.add(argv);
        }
      }
    }
    assertThat(out).as("gluster-shares commands found").isNotEmpty();
    return out;
  }

  /**
   * Just enough of the shell's word splitting for pipeline scripts: quotes, variables (replaced by
   * a placeholder; an unquoted word that is only a variable may be empty, so it is dropped),
   * operators and redirections as words of their own, comments.
   */
  static final class ShellWords {
    private static final Set<String> OPERATORS = Set.of("|", "||", "&&", ";", "\n", "(", ")");

    static boolean isOperator(String word) {
      return OPERATORS.contains(word);
    }

    static List<String> split(String script) {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean inWord = false;
      boolean onlyVariable = true;
      for (int i = 0; i < script.length(); i++) {
        char c = script.charAt(i);
        if (c == '#' && !inWord) {
          while (i < script.length() && script.charAt(i) != '\n') {
            i++;
          }
          i--;
          continue;
        }
        if (c == '\'' || c == '"') {
          int end = script.indexOf(c, i + 1);
          word.append(substitute(script.substring(i + 1, end)));
          onlyVariable = false;
          inWord = true;
          i = end;
          continue;
        }
        if (c == '$') {
          int end = variableEnd(script, i);
          word.append("x");
          inWord = true;
          i = end - 1;
          continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '|' || c == '&' || c == ';' || c == '>'
            || c == '(' || c == ')') {
          if (inWord) {
            words.add(onlyVariable && word.toString().equals("x") ? "" : word.toString());
          }
          word.setLength(0);
          inWord = false;
          onlyVariable = true;
          if (c == '\n' || c == ';' || c == '(' || c == ')') {
            words.add(c == '\n' ? "\n" : String.valueOf(c));
          } else if (c == '|' || c == '&') {
            boolean doubled = i + 1 < script.length() && script.charAt(i + 1) == c;
            words.add(doubled ? "" + c + c : String.valueOf(c));
            i += doubled ? 1 : 0;
          } else if (c == '>') {
            boolean doubled = i + 1 < script.length() && script.charAt(i + 1) == '>';
            words.add(doubled ? ">>" : ">");
            i += doubled ? 1 : 0;
          }
          continue;
        }
        word.append(c);
        onlyVariable = false;
        inWord = true;
      }
      if (inWord) {
        words.add(onlyVariable && word.toString().equals("x") ? "" : word.toString());
      }
      return words;
    }

    private static String substitute(String quoted) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < quoted.length(); i++) {
        if (quoted.charAt(i) == '$') {
          int end = variableEnd(quoted, i);
          out.append('x');
          i = end - 1;
        } else {
          out.append(quoted.charAt(i));
        }
      }
      return out.toString();
    }

    private static int variableEnd(String s, int dollar) {
      if (dollar + 1 < s.length() && s.charAt(dollar + 1) == '{') {
        int depth = 0;
        for (int i = dollar + 1; i < s.length(); i++) {
          if (s.charAt(i) == '{') {
            depth++;
          } else if (s.charAt(i) == '}' && --depth == 0) {
            return i + 1;
          }
        }
        return s.length();
      }
      int i = dollar + 1;
      while (i < s.length()
          && (Character.isLetterOrDigit(s.charAt(i))
              || s.charAt(i) == '_'
              || (i == dollar + 1 && (s.charAt(i) == '?' || s.charAt(i) == '$')))) {
        i++;
        if (i == dollar + 2 && (s.charAt(i - 1) == '?' || s.charAt(i - 1) == '$')) {
          break;
        }
      }
      return i;
    }
  }
}
