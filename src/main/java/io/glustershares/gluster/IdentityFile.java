package io.glustershares.gluster;

import com.hierynomus.sshj.common.KeyDecryptionFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Loads an SSH private key the way ssh insists on ({@code sshkey_perm_ok} in authfile.c): a key
 * file that group or others may access is refused ("UNPROTECTED PRIVATE KEY FILE"), whoever owns it
 * (ssh checks only the user's own files; a key others can read is exposed either way). Only a
 * regular file of a key's size is read, so a FIFO or device cannot hang the run. A protected key is
 * decrypted here, before connecting, so a wrong passphrase is reported as such rather than as a
 * refused login. No message contains the passphrase.
 */
final class IdentityFile {

  /** An RSA-16384 key in OpenSSH format is about 13 KiB. */
  static final int MAX_BYTES = 256 * 1024;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private IdentityFile() {}

  /** Why a key file cannot be used, in one line that names the fix. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static KeyProvider load(SSHClient ssh, Path file, Optional<String> passphrase) throws Refused {
    String text = read(file);
    KeyProvider key;
    try {
      key =
          ssh.loadKeys(
              text,
              null,
              passphrase.map(p -> PasswordUtils.createOneOff(p.toCharArray())).orElse(null));
      key.getPrivate(); // decrypts now; sshj keeps the result for the login
    } catch (KeyDecryptionFailedException e) {
      throw new Refused(
          passphrase.isPresent()
              ? "cannot decrypt SSH identity file "
                  + file
                  + ": the passphrase from ssh.passphraseEnv is wrong"
              : "SSH identity file "
                  + file
                  + " is protected by a passphrase: put the passphrase in an environment variable and"
                  + " name it with ssh.passphraseEnv",
          e);
    } catch (IOException | RuntimeException e) {
      // sshj reports unknown formats as IOException and broken ones as runtime exceptions.
      throw new Refused("cannot load SSH identity file " + file + ": " + e.getMessage(), e);
    }
    return key;
  }

  private static String read(Path file) throws Refused {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new Refused("SSH identity file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new Refused(
          "cannot read SSH identity file " + file + ": " + KnownHostsFile.reason(e), e);
    }
    if (!attributes.isRegularFile()) {
      throw new Refused("SSH identity file " + file + " is not a regular file");
    }
    if (!OWNER_ONLY.containsAll(attributes.permissions())) {
      throw new Refused(
          "UNPROTECTED PRIVATE KEY FILE: permissions "
              + octal(attributes.permissions())
              + " of SSH identity file "
              + file
              + " are too open (group or others may access it), so it is refused, as ssh refuses"
              + " it; fix: chmod 600 "
              + ShellQuote.readable(List.of(file.toString())));
    }
    if (attributes.size() > MAX_BYTES) {
      throw new Refused(
          "SSH identity file "
              + file
              + " is larger than "
              + MAX_BYTES / 1024
              + " KiB: it is not a private key");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Bounded again: the file may have grown since it was looked at.
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (AccessDeniedException e) {
      throw new Refused("cannot read SSH identity file " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new Refused(
          "cannot read SSH identity file " + file + ": " + KnownHostsFile.reason(e), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new Refused(
          "SSH identity file "
              + file
              + " is larger than "
              + MAX_BYTES / 1024
              + " KiB: it is not a private key");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code 0644}, as ls and ssh print modes. */
  private static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 0400 >> p.ordinal();
    }
    return String.format("0%03o", mode);
  }
}
