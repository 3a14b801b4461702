package io.glustershares.cli;

import io.glustershares.gluster.GlusterException;
import io.glustershares.gluster.Retry;
import io.glustershares.model.Printable;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --retry-budget DURATION}: how long the commands that talk to gluster keep retrying while
 * glusterd is busy with another transaction. Each retry is said on standard error as it waits, so
 * that a run that seems to hang says why.
 */
final class RetryOption {

  /** More is not patience but a hung CI job. */
  static final Duration MAX = Duration.ofHours(24);

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  @Option(
      names = "--retry-budget",
      paramLabel = "DURATION",
      description =
          "How long to keep retrying a gluster command refused because glusterd is busy with"
              + " another transaction (waits from 0.5 s growing to 15 s, jittered, each said on"
              + " standard error). A whole number with a unit: 500ms, 30s, 2m, 1h (a bare number"
              + " is seconds); 0 tries once. Default: 120s.")
  Optional<String> budget = Optional.empty();

  /** The retry of this run, printing each retry on the context's standard error. */
  Retry retry(Context context) {
    Duration duration = budget.map(RetryOption::parse).orElse(Retry.DEFAULT_BUDGET);
    return Retry.standard()
        .withTime(context.retryTime)
        .withBudget(duration)
        .withListener(attempt -> context.err.println(line(attempt)));
  }

  static Duration parse(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d =
          switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
          };
      if (d.compareTo(MAX) <= 0) {
        return d;
      }
    }
    throw new UserError(
        ExitCode.INVALID,
        "--retry-budget "
            + Printable.quoted(text)
            + ": not a duration of at most 24h; valid: a whole number with a unit (500ms, 30s, 2m,"
            + " 1h; a bare number is seconds), 0 to try once; default 120s");
  }

  /** {@code gluster-shares: [east] volume set on 'v': glusterd is busy (…); retry 1 in 0.4 s …}. */
  static String line(Retry.Attempt a) {
    return "gluster-shares: ["
        + a.cluster()
        + "] "
        + GlusterException.operation(a.argv())
        + a.volume().map(v -> " on " + Printable.quoted(v)).orElse("")
        + ": glusterd is busy ("
        + Printable.oneLine(a.message())
        + "); retry "
        + a.number()
        + " in "
        + Retry.seconds(a.delay())
        + ", "
        + Retry.seconds(a.spent())
        + " of the "
        + Retry.seconds(a.budget())
        + " retry budget spent";
  }
}
