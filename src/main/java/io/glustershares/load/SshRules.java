package io.glustershares.load;

import static io.glustershares.load.Diagnostics.text;

import io.glustershares.model.Printable;
import io.glustershares.model.SshSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The rules of a cluster's {@code ssh} mapping. The file may come from a merge request, and the
 * plan of a merge request runs with the pipeline's environment: so the secrets it may name are only
 * the tool's own variables, and the only files it may make the tool write are the default
 * known_hosts file and files inside its own directory.
 */
final class SshRules {

  /** The prefix every environment variable holding a secret for gluster-shares must carry. */
  static final String SECRET_PREFIX = "GLUSTER_SHARES_";

  /** The fields that name an environment variable holding a secret, and what it holds. */
  private static final List<String[]> SECRET_FIELDS =
      List.of(
          new String[] {"passwordEnv", "PASSWORD"}, new String[] {"passphraseEnv", "PASSPHRASE"});

  /** What the schema already requires of a variable name; other names get the schema's error. */
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";

  private final Path baseDir;
  private final FilePlaces places;
  private final Diagnostics diagnostics;

  SshRules(Path baseDir, FilePlaces places, Diagnostics diagnostics) {
    this.baseDir = baseDir;
    this.places = places;
    this.diagnostics = diagnostics;
  }

  /** Checks {@code ssh} (missing is fine) and returns the settings it gives. */
  SshSettings settings(String cluster, FieldPath at, JsonNode ssh) {
    for (String[] field : SECRET_FIELDS) {
      text(ssh.path(field[0]))
          .ifPresent(name -> secretVariable(cluster, at.key(field[0]), name, field[1]));
    }
    boolean acceptNew = ssh.path("acceptNewHostKey").asBoolean(false);
    Optional<String> knownHosts = text(ssh.path("knownHosts"));
    if (acceptNew && knownHosts.isPresent() && !knownHosts.get().equals(DEFAULT_KNOWN_HOSTS)) {
      places
          .outside(FilePlaces.KNOWN_HOSTS, knownHosts.get())
          .ifPresent(problem -> diagnostics.error(at.key("knownHosts"), problem));
    }
    return new SshSettings(
        ssh.path("port").canConvertToInt() ? ssh.path("port").asInt() : SshSettings.DEFAULT_PORT,
        text(ssh.path("identityFile")).map(this::fromFile),
        knownHosts.map(this::fromFile),
        text(ssh.path("passwordEnv")),
        text(ssh.path("passphraseEnv")),
        acceptNew);
  }

  private void secretVariable(String cluster, FieldPath at, String name, String holds) {
    if (!VARIABLE.matcher(name).matches() || name.startsWith(SECRET_PREFIX)) {
      return;
    }
    diagnostics.error(
        at,
        "names the environment variable "
            + Printable.quoted(name)
            + ", which is not one of gluster-shares' own: the file (a merge request can change it)"
            + " could otherwise send any secret of the environment, such as a CI job token, to a"
            + " server it names; valid: a variable whose name starts with "
            + SECRET_PREFIX
            + ", e.g. "
            + SECRET_PREFIX
            + cluster.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
            + "_"
            + holds);
  }

  /**
   * A relative path of the file, relative to the file's directory, as certificates and simulator
   * files are; {@code ~} and absolute paths stay as written.
   */
  private String fromFile(String written) {
    if (written.equals("~") || written.startsWith("~/") || written.startsWith("/")) {
      return written;
    }
    return baseDir.resolve(written).normalize().toString();
  }
}
