package io.glustershares.it;

import io.glustershares.cli.Main;
import java.util.Map;

/**
 * The security scenario with the tool on a cluster node (east-1) and the local gluster CLI: the
 * {@code server: HOST} path.
 */
class LocalShareSecurityIT extends ShareSecurityScenario {

  @Override
  String clusterEntry() {
    return "local:\n  server: east-1\n  infrastructureCns: [" + east.readyAllow() + "]\n";
  }

  @Override
  Main.Captured tool(Map<String, String> env, String... args) {
    return east.first().tool(work, env, args);
  }

  @Override
  String label() {
    return "local";
  }
}
