package io.glustershares.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's append-only journal (issue 17): one JSON line per call that changed the state,
 * with the time the call saw, so that replaying the lines on the snapshot gives the state back
 * exactly. Writing a line costs the same however large the state, where rewriting the whole file on
 * each call made a 10 000-share apply quadratic. Its first line names the snapshot generation it
 * continues; a journal of another generation is stale (the snapshot was written after it) and is
 * ignored. A line cut short by a crash has no newline and is ignored too. Guarded by the caller's
 * lock.
 */
final class SimJournal {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One journal line: a call's argv and time, or a peer fault. */
  record Entry(Long generation, String time, List<String> argv, boolean peerDown, boolean peerUp) {
    static Entry call(ZonedDateTime time, List<String> argv) {
      return new Entry(null, time.toString(), argv, false, false);
    }

    static Entry peers(boolean down, boolean up) {
      return new Entry(null, null, null, down, up);
    }
  }

  private final Path file;
  private long offset;
  private boolean wrote;

  SimJournal(Path file) {
    this.file = file;
  }

  /** Whether this process appended to the journal since the last snapshot it wrote. */
  boolean wrote() {
    return wrote;
  }

  /** A fresh snapshot was read: the journal is to be replayed from its start. */
  void reset() {
    offset = 0;
  }

  /** Replays onto {@code state} the lines appended since the last look (by any process). */
  void catchUp(SimState state) throws IOException {
    if (!Files.exists(file) || Files.size(file) == offset) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = (int) Math.min(offset, bytes.length);
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
      start = i + 1;
      offset = start;
      Entry entry = JSON.readValue(line, Entry.class);
      if (entry.generation() != null) {
        if (entry.generation() != state.journalGeneration) {
          offset = bytes.length; // stale: written before the snapshot
          return;
        }
      } else if (entry.argv() != null) {
        ZonedDateTime time = ZonedDateTime.parse(entry.time());
        new GlusterSimulator(state, () -> time).answer(entry.argv());
      } else {
        peers(state, entry.peerDown(), entry.peerUp());
      }
    }
  }

  /** Appends one change already made to {@code state}. */
  void append(SimState state, Entry entry) {
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      StringBuilder text = new StringBuilder();
      if (out.size() == 0) {
        text.append(
                JSON.writeValueAsString(
                    new Entry(state.journalGeneration, null, null, false, false)))
            .append('\n');
      }
      text.append(JSON.writeValueAsString(entry)).append('\n');
      ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      offset = out.size();
      wrote = true;
    } catch (IOException e) {
      throw new UncheckedIOException("simulator journal " + file, e);
    }
  }

  /** The snapshot now holds everything: the journal goes. */
  void drop() throws IOException {
    Files.deleteIfExists(file);
    offset = 0;
    wrote = false;
  }

  /**
   * The peer faults: {@code down} disconnects the first connected peer, {@code up} connects them
   * all; whether the state changed.
   */
  static boolean peers(SimState state, boolean down, boolean up) {
    boolean changed = false;
    if (down) {
      for (SimState.SimPeer p : state.peers) {
        if (p.connected) {
          p.connected = false;
          changed = true;
          break;
        }
      }
    }
    if (up) {
      for (SimState.SimPeer p : state.peers) {
        changed |= !p.connected;
        p.connected = true;
      }
    }
    return changed;
  }
}
