package io.glustershares.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glustershares.gluster.GlusterClient;
import io.glustershares.gluster.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply lock of a cluster over SSH, held on a majority of its servers in UUID order: each
 * server a {@link LockServers} stand-in running the real lock script.
 */
class PoolLockTest {

  /** east's servers, as pool list names them; in UUID order: east-3, east-2, east-1. */
  private static final List<String[]> EAST =
      List.of(
          new String[] {"7e1f05e2-326a-4c94-baf4-caf42516ba7f", "east-1"},
          new String[] {"75999232-460a-4edd-898f-a9951b0404ab", "east-2"},
          new String[] {"186a9463-6992-4d15-991c-4060c054a6a9", "east-3"});

  @TempDir Path tmp;

  /** {@code gluster --xml pool list} as {@code self} answers it (itself as localhost, last). */
  private static String poolList(String self) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cliOutput>\n"
                + "  <opRet>0</opRet>\n  <opErrno>0</opErrno>\n  <opErrstr/>\n  <peerStatus>\n");
    String selfUuid = "";
    for (String[] peer : EAST) {
      if (peer[1].equals(self)) {
        selfUuid = peer[0];
        continue;
      }
      xml.append("    <peer>\n      <uuid>")
          .append(peer[0])
          .append("</uuid>\n      <hostname>")
          .append(peer[1])
          .append("</hostname>\n      <hostnames>\n        <hostname>")
          .append(peer[1])
          .append("</hostname>\n      </hostnames>\n      <connected>1</connected>\n    </peer>\n");
    }
    xml.append("    <peer>\n      <uuid>")
        .append(selfUuid)
        .append("</uuid>\n      <hostname>localhost</hostname>\n")
        .append("      <connected>1</connected>\n    </peer>\n  </peerStatus>\n</cliOutput>\n");
    return xml.toString();
  }

  private PoolLock lock(LockServers servers, String through, String holder, Set<String> down) {
    Runner addressed = servers.server(through, poolList(through));
    GlusterClient gluster = new GlusterClient("east", addressed, Duration.ofSeconds(5), d -> {});
    return new PoolLock(
        "east",
        gluster,
        host ->
            down.contains(host)
                ? LockServers.unreachable(host)
                : servers.server(host, poolList(host)),
        holder);
  }

  private String holderOn(LockServers servers, String server) throws Exception {
    Path file = servers.directory(server).resolve("apply.lock");
    return Files.exists(file) ? Files.readString(file).strip() : "";
  }

  @Test
  void heldOnEveryServerItReachesAndAnotherApplyThroughAnotherServerIsRefused() throws Exception {
    LockServers servers = new LockServers(tmp);
    try (ClusterLock.Held held =
        lock(servers, "east-1", "PID 1 on manila", Set.of()).acquire(Duration.ofSeconds(5))) {
      assertThat(held.note()).isEmpty();
      for (String s : List.of("east-1", "east-2", "east-3")) {
        assertThat(holderOn(servers, s)).as(s).isEqualTo("PID 1 on manila");
      }

      ClusterLocks.HeldException e =
          catchThrowableOfType(
              ClusterLocks.HeldException.class,
              () ->
                  lock(servers, "east-2", "PID 2 on runner-2", Set.of())
                      .acquire(Duration.ofMillis(500)));

      // Whatever server it talks to, it meets the first apply on the lowest UUID's server.
      assertThat(e.getMessage())
          .isEqualTo(
              "cluster 'east' is being applied by another gluster-shares (PID 1 on manila);"
                  + " waited 0 s (--lock-timeout); its lock is /run/gluster-shares/apply.lock on"
                  + " east-3");
    }
    try (ClusterLock.Held next =
        lock(servers, "east-2", "PID 2 on runner-2", Set.of()).acquire(Duration.ZERO)) {
      assertThat(next.lost()).isEmpty();
      assertThat(holderOn(servers, "east-1")).isEqualTo("PID 2 on runner-2");
    }
  }

  @Test
  void theOtherServersConnectionsAreOpenedSideBySideThenLockedInOrder() throws Exception {
    LockServers servers = new LockServers(tmp);
    CyclicBarrier bothOpening = new CyclicBarrier(2);
    Runner addressed = servers.server("east-1", poolList("east-1"));
    GlusterClient gluster = new GlusterClient("east", addressed, Duration.ofSeconds(5), d -> {});
    PoolLock lock =
        new PoolLock(
            "east",
            gluster,
            host -> servers.server(host, poolList(host), Optional.of(bothOpening)),
            "PID 1 on manila");
    try (ClusterLock.Held held = lock.acquire(Duration.ofSeconds(5))) {
      assertThat(held.note()).isEmpty();
      for (String server : List.of("east-1", "east-2", "east-3")) {
        assertThat(holderOn(servers, server)).as(server).isEqualTo("PID 1 on manila");
      }
    }
  }

  @Test
  void aServerOutOfReachIsSkippedWhileAMajorityIsHeldAndSaidSo() throws Exception {
    LockServers servers = new LockServers(tmp);
    try (ClusterLock.Held held =
        lock(servers, "east-1", "PID 1 on manila", Set.of("east-3"))
            .acquire(Duration.ofSeconds(5))) {
      assertThat(held.note())
          .contains(
              "cluster 'east': the apply lock is held on 2 of its 3 servers, a majority; not on"
                  + " east-3: cannot connect to SSH server east-3:22: no route to host");
      assertThat(holderOn(servers, "east-2")).isEqualTo("PID 1 on manila");

      // The other apply, which reaches east-3, still cannot get a majority.
      assertThat(
              catchThrowableOfType(
                  ClusterLocks.HeldException.class,
                  () -> lock(servers, "east-2", "PID 2", Set.of()).acquire(Duration.ZERO)))
          .hasMessageContaining("(PID 1 on manila)")
          .hasMessageEndingWith("on east-2");
    }
  }

  @Test
  void withoutAMajorityInReachNothingIsHeld() throws Exception {
    LockServers servers = new LockServers(tmp);

    ClusterLocks.UnavailableException e =
        catchThrowableOfType(
            ClusterLocks.UnavailableException.class,
            () ->
                lock(servers, "east-1", "PID 1", Set.of("east-2", "east-3"))
                    .acquire(Duration.ZERO));

    assertThat(e.getMessage())
        .isEqualTo(
            "cluster 'east': the apply lock must be held on a majority of its 3 servers (2), but"
                + " only 1 could be locked; not locked on east-3: cannot connect to SSH server"
                + " east-3:22: no route to host; east-2: cannot connect to SSH server east-2:22: no"
                + " route to host");
    // What it took is let go.
    lock(servers, "east-2", "PID 2", Set.of("east-3")).acquire(Duration.ZERO).close();
  }

  @Test
  void lostOnlyOnceFewerThanAMajorityStillHoldIt() throws Exception {
    LockServers servers = new LockServers(tmp);
    try (ClusterLock.Held held =
        lock(servers, "east-1", "PID 1", Set.of()).acquire(Duration.ofSeconds(5))) {
      servers.held.get("east-3").get(0).close();
      assertThat(held.lost()).as("two of three still hold it").isEmpty();

      servers.held.get("east-1").get(0).close();

      assertThat(held.lost())
          .get()
          .asString()
          .startsWith(
              "the apply lock of cluster 'east' is no longer held on a majority of its servers"
                  + " (east-3: it ended with exit 0; east-1: it ended");
    }
  }
}
