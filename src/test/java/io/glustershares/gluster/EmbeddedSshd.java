package io.glustershares.gluster;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/**
 * An SSH server for tests (Apache MINA sshd on 127.0.0.1, a free port) that runs commands through
 * /bin/sh as OpenSSH does, offers exactly the host keys it is given, and records every command.
 */
final class EmbeddedSshd implements AutoCloseable {

  static final String USER = "gluster";
  static final String PASSWORD = "s3cret-Pa55 word";

  private final SshServer server;
  private final List<KeyPair> hostKeys;
  private final AtomicInteger sessions = new AtomicInteger();
  private final List<String> commands = new ArrayList<>();

  private EmbeddedSshd(PublicKey clientKey, List<KeyPair> hostKeys) throws Exception {
    this.hostKeys = List.copyOf(hostKeys);
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(this.hostKeys));
    server.setPasswordAuthenticator(
        (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator(
        (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey));
    CommandFactory shell = ProcessShellCommandFactory.INSTANCE;
    server.setCommandFactory(
        (channel, command) -> {
          synchronized (commands) {
            commands.add(command);
          }
          return shell.createCommand(channel, command);
        });
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessions.incrementAndGet();
          }
        });
    server.start();
  }

  /** A server that lets {@code clientKey} (or the password) in and offers these host keys. */
  static EmbeddedSshd start(PublicKey clientKey, KeyPair... hostKeys) throws Exception {
    return new EmbeddedSshd(clientKey, List.of(hostKeys));
  }

  static KeyPair rsa() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
  }

  static KeyPair ed25519() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  static KeyPair ecdsa() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
  }

  int port() {
    return server.getPort();
  }

  /** How OpenSSH names this server in known_hosts: {@code [127.0.0.1]:PORT}. */
  String knownHostsName() {
    return "[127.0.0.1]:" + port();
  }

  /** A known_hosts line for this server and the given key. */
  String entry(PublicKey key) {
    return knownHostsName() + " " + PublicKeyEntry.toString(key) + "\n";
  }

  /** The known_hosts lines of every key this server offers. */
  String entries() {
    StringBuilder lines = new StringBuilder();
    hostKeys.forEach(pair -> lines.append(entry(pair.getPublic())));
    return lines.toString();
  }

  List<String> commands() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }

  int sessions() {
    return sessions.get();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
