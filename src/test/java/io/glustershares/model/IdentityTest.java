package io.glustershares.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityTest {

  private static final UUID NAMESPACE_DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

  @Test
  void uuid5MatchesTheRfcAlgorithm() {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    assertThat(Identity.uuid5(NAMESPACE_DNS, "python.org"))
        .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
  }

  @Test
  void theNamespaceIsItselfRecomputable() {
    assertThat(Identity.uuid5(NAMESPACE_DNS, "gluster-shares")).isEqualTo(Identity.NAMESPACE);
  }

  @Test
  void theReadmeStatesTheV5NamespaceAndAnExampleThatRecomputes() throws Exception {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(readme)
        .contains("in the namespace `" + Identity.NAMESPACE + "`")
        .contains(
            "uuid.uuid5(uuid.UUID(\""
                + Identity.NAMESPACE
                + "\"), \"prod/analytics\")` gives\n  `"
                + Identity.shareUuid("prod", "analytics")
                + "`");
  }

  @Test
  void namesAreStableAndDistinct() {
    assertThat(Identity.shareUuid("prod", "analytics"))
        .isEqualTo(Identity.shareUuid("prod", "analytics"))
        .isNotEqualTo(Identity.shareUuid("test", "analytics"));
    assertThat(Identity.snapshotName("prod", "analytics", "nightly"))
        .startsWith("manila-")
        .hasSize("manila-".length() + 36);
    assertThat(Identity.cloneVolumeName("prod", "restore"))
        .isEqualTo("manila-" + Identity.shareUuid("prod", "restore"));
    assertThat(Identity.snapshotDescription("prod", "analytics", "nightly"))
        .isEqualTo("prod/analytics/nightly");
  }
}
