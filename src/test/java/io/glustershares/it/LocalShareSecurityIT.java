package io.glustershares.it;

/** The security scenario with the local gluster CLI. */
class LocalShareSecurityIT extends ShareSecurityScenario {

  @Override
  String clusterEntry() {
    return "local:\n  server: " + gluster.host() + "\n";
  }

  @Override
  String label() {
    return "local";
  }
}
