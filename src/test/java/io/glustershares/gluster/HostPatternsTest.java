package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

/** known_hosts host fields matched as OpenSSH matches them (match.c, hostfile.c). */
class HostPatternsTest {

  @Test
  void aPlainNameAndABracketedPortMatchExactly() {
    assertThat(HostPatterns.matches("gluster-1", "gluster-1")).isTrue();
    assertThat(HostPatterns.matches("gluster-1", "gluster-10")).isFalse();
    assertThat(HostPatterns.matches("[gluster-1]:2222", "[gluster-1]:2222")).isTrue();
    // Port 22 is written without brackets, other ports only with them.
    assertThat(HostPatterns.matches("[gluster-1]:22", "gluster-1")).isFalse();
    assertThat(HostPatterns.matches("gluster-1", "[gluster-1]:2222")).isFalse();
  }

  @Test
  void namesAreComparedIgnoringCase() {
    assertThat(HostPatterns.matches("Gluster-East-1.Example.COM", "gluster-east-1.example.com"))
        .isTrue();
    assertThat(HostPatterns.matches("*.EXAMPLE.com", "Gluster-1.example.com")).isTrue();
  }

  @Test
  void aCommaSeparatedListMatchesAnyOfItsNames() {
    assertThat(HostPatterns.matches("gluster-1,10.0.0.5,[gluster-1]:2222", "10.0.0.5")).isTrue();
    assertThat(HostPatterns.matches("gluster-1,10.0.0.5", "10.0.0.6")).isFalse();
  }

  @Test
  void wildcardsAreStarAndQuestionMarkOnly() {
    assertThat(HostPatterns.matches("*.example.com", "gluster-1.example.com")).isTrue();
    assertThat(HostPatterns.matches("*.example.com", "example.com")).isFalse();
    assertThat(HostPatterns.matches("gluster-?", "gluster-7")).isTrue();
    assertThat(HostPatterns.matches("gluster-?", "gluster-17")).isFalse();
    assertThat(HostPatterns.matches("*", "anything")).isTrue();
    // Regex characters are literal: sshj's matcher builds a regex from the pattern without
    // escaping.
    assertThat(HostPatterns.matches("gluster+1", "glusterr1")).isFalse();
    assertThat(HostPatterns.matches("a(b", "a(b")).isTrue();
    assertThat(HostPatterns.matches("[10.0.0.1]:*", "[10.0.0.1]:2222")).isTrue();
  }

  @Test
  void aNegatedPatternExcludesAndNeverIncludesOnItsOwn() {
    assertThat(HostPatterns.matches("*.example.com,!bad.example.com", "bad.example.com")).isFalse();
    assertThat(HostPatterns.matches("!bad.example.com,*.example.com", "ok.example.com")).isTrue();
    // A line of negations alone names no host (sshj's matcher takes it as "every other host").
    assertThat(HostPatterns.matches("!bad.example.com", "ok.example.com")).isFalse();
  }

  @Test
  void aHashedNameMatchesOnlyItsHost() throws Exception {
    String hashed = hashed("[10.0.0.1]:2222");
    assertThat(HostPatterns.matches(hashed, "[10.0.0.1]:2222")).isTrue();
    assertThat(HostPatterns.matches(hashed, "[10.0.0.1]:22")).isFalse();
    assertThat(HostPatterns.matches(hashed, "10.0.0.1")).isFalse();
    // As OpenSSH: the whole field is one hash, malformed hashes match nothing.
    assertThat(HostPatterns.matches(hashed + ",other", "[10.0.0.1]:2222")).isFalse();
    assertThat(HostPatterns.matches("|1|bm90|", "x")).isFalse();
    assertThat(HostPatterns.matches("|2|abc|def", "x")).isFalse();
  }

  @Test
  void manyStarsTakeNoTime() {
    String pattern = "*a".repeat(200) + "b";
    assertThat(HostPatterns.glob(pattern, "a".repeat(5000))).isFalse();
  }

  /**
   * Why sshj's {@code OpenSSHKnownHosts} is not used: it compares only keys of the offered type,
   * and a plain line outvotes {@code @revoked}. If this test starts failing after an sshj upgrade,
   * its semantics have moved towards OpenSSH's and it may be worth using again.
   */
  @Test
  void sshjKnownHostsIsWeakerThanOpenSsh() throws Exception {
    PublicKey rsa = EmbeddedSshd.rsa().getPublic();
    PublicKey ed25519 = EmbeddedSshd.ed25519().getPublic();
    AtomicReference<String> outcome = new AtomicReference<>("accepted");
    String file =
        "gluster-1 "
            + PublicKeyEntry.toString(rsa)
            + "\n"
            + "gluster-2 "
            + PublicKeyEntry.toString(ed25519)
            + "\n@revoked gluster-2 "
            + PublicKeyEntry.toString(ed25519)
            + "\n";
    OpenSSHKnownHosts sshj =
        new OpenSSHKnownHosts(new StringReader(file)) {
          @Override
          protected boolean hostKeyUnverifiableAction(String host, PublicKey key) {
            outcome.set("unknown");
            return false;
          }

          @Override
          protected boolean hostKeyChangedAction(String host, PublicKey key) {
            outcome.set("changed");
            return false;
          }
        };

    sshj.verify("gluster-1", 22, ed25519);
    assertThat(outcome.get())
        .as("a host known by its RSA key, offering ed25519")
        .isEqualTo("unknown");
    outcome.set("accepted");
    assertThat(sshj.verify("gluster-2", 22, ed25519)).as("a revoked key").isTrue();
  }

  private static String hashed(String host) throws Exception {
    byte[] salt = "salt of twenty bytes".getBytes(StandardCharsets.US_ASCII);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(salt, "HmacSHA1"));
    return "|1|"
        + Base64.getEncoder().encodeToString(salt)
        + "|"
        + Base64.getEncoder().encodeToString(mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
  }
}
