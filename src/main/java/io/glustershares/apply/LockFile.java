package io.glustershares.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * One apply per cluster at a time on this managing host: an OS file lock in the {@link
 * LockDirectory}, with the holder (PID, host, start time) written inside for the message of whoever
 * waits. The OS drops the lock of a process that dies, so a lock left by a killed apply is taken
 * over (and said so). The file is opened without following links and must be a regular file of this
 * user.
 */
final class LockFile implements ClusterLock {

  /** Who holds, or held, a lock. */
  record Holder(long pid, String host, String since) {
    @Override
    public String toString() {
      return "PID " + pid + " on " + host + " since " + since;
    }
  }

  private final LockDirectory dir;
  private final String cluster;
  private final Path file;
  private final Clock clock;
  private final LongPredicate alive;
  private final String host;

  /**
   * @param key names the cluster on this host (the runner's lock key)
   * @param alive tells whether a PID is still a running process
   * @param host this host's name, written for whoever waits
   */
  LockFile(
      LockDirectory dir,
      String cluster,
      String key,
      Clock clock,
      LongPredicate alive,
      String host) {
    this.dir = dir;
    this.cluster = cluster;
    this.file = dir.path().resolve(key.replaceAll("[^A-Za-z0-9._@-]", "_") + ".lock");
    this.clock = clock;
    this.alive = alive;
    this.host = host;
  }

  @Override
  public String cluster() {
    return cluster;
  }

  @Override
  public Held acquire(Duration timeout, Consumer<String> waiting)
      throws ClusterLocks.HeldException, ClusterLocks.UnsafeException {
    FileChannel channel = open();
    long deadline = System.nanoTime() + timeout.toNanos();
    FileLock lock = null;
    boolean told = false;
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
        if (!told) {
          told = true;
          waiting.accept(
              "cluster '"
                  + cluster
                  + "' is being applied by another gluster-shares ("
                  + read(channel).map(Holder::toString).orElse("an unknown process")
                  + "); waiting up to "
                  + timeout.toSeconds()
                  + " s (--lock-timeout)");
        }
        if (System.nanoTime() >= deadline) {
          String holder = read(channel).map(Holder::toString).orElse("an unknown process");
          close(channel);
          throw new ClusterLocks.HeldException(
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
          throw new ClusterLocks.HeldException(
              "interrupted while waiting for the lock of cluster '" + cluster + "'");
        }
      }
    }
    Optional<Holder> previous = read(channel);
    Optional<String> note =
        previous
            .filter(p -> !alive.test(p.pid()))
            .map(
                p ->
                    "cluster '"
                        + cluster
                        + "': took over the lock left by "
                        + p
                        + ", which is no longer running");
    write(channel, new Holder(ProcessHandle.current().pid(), host, Instant.now(clock).toString()));
    FileLock taken = lock;
    return new Held() {
      @Override
      public Optional<String> note() {
        return note;
      }

      @Override
      public void close() {
        // A clean end leaves no holder behind: only a killed apply leaves one to be taken over.
        try {
          channel.truncate(0);
        } catch (IOException e) {
          // The lock is released below all the same.
        }
        try {
          taken.release();
        } catch (IOException e) {
          // Closing the channel releases it too.
        }
        LockFile.close(channel);
      }
    };
  }

  /**
   * Opens (or makes, 0600) the lock file with O_NOFOLLOW: a link there is refused, never followed,
   * and anything but a regular file of this user is refused before it is written.
   */
  private FileChannel open() throws ClusterLocks.UnsafeException {
    check();
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file,
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        throw unsafe("is a symbolic link");
      }
      throw new UncheckedIOException("cannot open lock file " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open lock file " + file, e);
    }
    try {
      // What was opened is what was checked: the directory is ours alone, but say so anyway.
      check();
    } catch (ClusterLocks.UnsafeException e) {
      close(channel);
      throw e;
    }
    return channel;
  }

  private void check() throws ClusterLocks.UnsafeException {
    BasicFileAttributes a;
    long owner;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      owner =
          ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    } catch (java.nio.file.NoSuchFileException e) {
      return; // made by the open
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lock file " + file, e);
    }
    if (a.isSymbolicLink()) {
      throw unsafe("is a symbolic link");
    }
    if (!a.isRegularFile()) {
      throw unsafe("is not a regular file");
    }
    if (owner != dir.uid()) {
      throw unsafe("is owned by uid " + owner + ", not by uid " + dir.uid());
    }
  }

  private ClusterLocks.UnsafeException unsafe(String what) {
    return new ClusterLocks.UnsafeException(
        "lock file "
            + file
            + " "
            + what
            + "; refusing to open it (a lock must never write through to another file): remove"
            + " it and apply again");
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
}
