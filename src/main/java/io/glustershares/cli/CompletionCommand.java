package io.glustershares.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for every command and option.",
      "bash: source <(gluster-shares completion bash), or save it as"
          + " /etc/bash_completion.d/gluster-shares. zsh: the same script through bashcompinit"
          + " (it loads it itself): source <(gluster-shares completion zsh) in ~/.zshrc."
    })
final class CompletionCommand implements Callable<Integer> {

  enum Shell {
    bash,
    zsh
  }

  private final Context context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  CompletionCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    // picocli's script is written from the same model that parses the command line, so it never
    // offers an option that does not exist; it runs in zsh through bashcompinit.
    String script = AutoComplete.bash("gluster-shares", spec.root().commandLine());
    if (shell == Shell.zsh) {
      context.out.println(
          "# gluster-shares completion for zsh (picocli's script, via bashcompinit)");
    }
    context.out.print(script);
    return ExitCode.OK;
  }
}
