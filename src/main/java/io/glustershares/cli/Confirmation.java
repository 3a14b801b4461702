package io.glustershares.cli;

import io.glustershares.plan.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether apply may go ahead: {@code --auto-approve}, or "yes" typed on a terminal. Without a
 * terminal to ask on, or with {@code --input=false}, it refuses and says how to apply from CI.
 */
final class Confirmation {

  private Confirmation() {}

  static boolean given(Context context, Plan plan, boolean autoApprove, boolean input) {
    if (autoApprove) {
      return true;
    }
    if (!input) {
      context.err.println(
          "gluster-shares: refusing to apply without confirmation: --input=false asks nothing;"
              + " pass --auto-approve to apply non-interactively (CI)");
      return false;
    }
    if (!context.environment.interactive()) {
      context.err.println(
          "gluster-shares: refusing to apply without confirmation: standard input is not a"
              + " terminal to ask on; pass --auto-approve to apply non-interactively (CI)");
      return false;
    }
    int n = plan.actions().size();
    context.out.print(
        (n == 1 ? "Apply this action?" : "Apply these " + n + " actions?") + " [yes/no] ");
    context.out.flush();
    String answer;
    try {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(context.environment.stdin(), StandardCharsets.UTF_8));
      answer = Optional.ofNullable(in.readLine()).orElse("").strip().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      answer = "";
    }
    if (!answer.equals("yes")) {
      context.err.println("gluster-shares: not applied (only 'yes' applies)");
      return false;
    }
    return true;
  }
}
