package io.glustershares.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * One apply per cluster at a time on this managing host: an OS file lock per cluster, with the
 * holder (PID, host, start time) written inside for the message of whoever waits. The OS drops the
 * lock of a process that dies, so a lock left by a killed apply is taken over (and said so).
 */
public final class ClusterLocks implements AutoCloseable {

  /** Who holds, or held, a lock. */
  public record Holder(long pid, String host, String since) {
    @Override
    public String toString() {
      return "PID " + pid + " on " + host + " since " + since;
    }
  }

  /** The lock is still held by another apply after waiting as long as allowed. */
  public static final class HeldException extends Exception {
    public HeldException(String message) {
      super(message);
    }
  }

  private final List<FileChannel> channels = new ArrayList<>();
  private final List<FileLock> locks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private ClusterLocks() {}

  /**
   * Takes the lock of every cluster, in name order (so two applies never wait on each other
   * crosswise), waiting up to {@code timeout} for each.
   *
   * @param keys cluster name to the runner's lock key
   * @param alive tells whether a PID is still a running process
   */
  public static ClusterLocks acquire(
      Path dir,
      java.util.Map<String, String> keys,
      Duration timeout,
      Clock clock,
      LongPredicate alive,
      String host)
      throws HeldException {
    ClusterLocks held = new ClusterLocks();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the lock directory " + dir, e);
    }
    try {
      for (var entry : new TreeMap<>(keys).entrySet()) {
        held.take(dir, entry.getKey(), entry.getValue(), timeout, clock, alive, host);
      }
    } catch (HeldException | RuntimeException e) {
      held.close();
      throw e;
    }
    return held;
  }

  private void take(
      Path dir,
      String cluster,
      String key,
      Duration timeout,
      Clock clock,
      LongPredicate alive,
      String host)
      throws HeldException {
    Path file = dir.resolve(key.replaceAll("[^A-Za-z0-9._@-]", "_") + ".lock");
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open lock file " + file, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    FileLock lock = null;
    while (lock == null) {
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Held by this very process (another apply in the same JVM): wait as for any other.
        lock = null;
      } catch (IOException e) {
        close(channel);
        throw new UncheckedIOException("cannot lock " + file, e);
      }
      if (lock == null) {
        if (System.nanoTime() >= deadline) {
          String holder = read(channel).map(Holder::toString).orElse("an unknown process");
          close(channel);
          throw new HeldException(
              "cluster '"
                  + cluster
                  + "' is being applied by another gluster-shares ("
                  + holder
                  + "); waited "
                  + timeout.toSeconds()
                  + " s (--lock-timeout); lock file "
                  + file);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close(channel);
          throw new HeldException(
              "interrupted while waiting for the lock of cluster '" + cluster + "'");
        }
      }
    }
    Optional<Holder> previous = read(channel);
    if (previous.isPresent() && !alive.test(previous.get().pid())) {
      notes.add(
          "cluster '"
              + cluster
              + "': took over the lock left by "
              + previous.get()
              + ", which is no longer running");
    }
    write(channel, new Holder(ProcessHandle.current().pid(), host, Instant.now(clock).toString()));
    channels.add(channel);
    locks.add(lock);
  }

  /** Things worth telling the user, such as a stale lock taken over. */
  public List<String> notes() {
    return notes;
  }

  private static Optional<Holder> read(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      int n = channel.read(buffer, 0);
      if (n <= 0) {
        return Optional.empty();
      }
      String text = new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
      long pid = -1;
      String host = "?";
      String since = "?";
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String k = line.substring(0, eq);
        String v = line.substring(eq + 1).strip();
        switch (k) {
          case "pid" -> pid = parse(v);
          case "host" -> host = v;
          case "since" -> since = v;
          default -> {}
        }
      }
      return pid < 0 ? Optional.empty() : Optional.of(new Holder(pid, host, since));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void write(FileChannel channel, Holder holder) {
    try {
      byte[] text =
          ("pid=" + holder.pid() + "\nhost=" + holder.host() + "\nsince=" + holder.since() + "\n")
              .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text), 0);
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the lock holder", e);
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing releases the lock; nothing else to do.
    }
  }

  @Override
  public void close() {
    // A clean end leaves no holder behind: only a killed apply leaves one to be taken over.
    for (FileChannel channel : channels) {
      try {
        channel.truncate(0);
      } catch (IOException e) {
        // The lock is released below all the same.
      }
    }
    for (FileLock lock : locks) {
      try {
        lock.release();
      } catch (IOException e) {
        // The channel's close below releases it too.
      }
    }
    channels.forEach(ClusterLocks::close);
    locks.clear();
    channels.clear();
  }
}
