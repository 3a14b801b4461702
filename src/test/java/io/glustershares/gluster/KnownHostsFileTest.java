package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.glustershares.gluster.KnownHostsFile.Entry;
import io.glustershares.gluster.KnownHostsFile.Marker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading known_hosts as ssh reads it: markers, line numbers, and lines ssh would skip. */
class KnownHostsFileTest {

  @TempDir Path dir;

  private KnownHostsFile file(String text) throws Exception {
    Path path = dir.resolve("known_hosts");
    Files.writeString(path, text);
    return KnownHostsFile.read(path);
  }

  @Test
  void entriesKeepTheirLineNumberAndMarker() throws Exception {
    PublicKey rsa = EmbeddedSshd.rsa().getPublic();
    PublicKey ecdsa = EmbeddedSshd.ecdsa().getPublic();
    KnownHostsFile file =
        file(
            "# estate\n\n"
                + "gluster-1 "
                + PublicKeyEntry.toString(rsa)
                + " root@admin\r\n"
                + "\t@revoked  *  "
                + PublicKeyEntry.toString(ecdsa)
                + "\n"
                + "@cert-authority *.example.com "
                + PublicKeyEntry.toString(ecdsa)
                + "\n");

    assertThat(file.entriesFor("gluster-1"))
        .extracting(Entry::line, Entry::marker)
        .containsExactly(tuple(3, Marker.NONE), tuple(4, Marker.REVOKED));
    assertThat(file.entriesFor("gluster-1.example.com"))
        .extracting(Entry::line)
        .containsExactly(4, 5);
  }

  @Test
  void linesSshWouldSkipAreSkipped() throws Exception {
    PublicKey ed25519 = EmbeddedSshd.ed25519().getPublic();
    String key = PublicKeyEntry.toString(ed25519);
    String base64 = key.substring(key.indexOf(' ') + 1);
    KnownHostsFile file =
        file(
            "@trusted gluster-1 "
                + key
                + "\n" // unknown marker
                + "gluster-1 2048 35 12345\n" // SSH-1 RSA, gone from OpenSSH
                + "gluster-1 ssh-ed25519 not*base64\n"
                + "gluster-1 ssh-rsa "
                + base64
                + "\n" // the type says RSA, the key is ed25519
                + "gluster-1 ssh-ed25519\n" // truncated
                + "gluster-1 "
                + key
                + "\n");

    assertThat(file.entriesFor("gluster-1")).extracting(Entry::line).containsExactly(6);
  }

  @Test
  void aMissingFileHasNoEntries() throws Exception {
    assertThat(KnownHostsFile.read(dir.resolve("none/known_hosts")).entriesFor("x")).isEmpty();
  }
}
