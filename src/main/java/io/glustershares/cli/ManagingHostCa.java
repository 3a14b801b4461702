package io.glustershares.cli;

import io.glustershares.gluster.HostProbe;
import io.glustershares.inspect.NodeDoctor;
import io.glustershares.model.DesiredState;
import io.glustershares.model.Printable;
import io.glustershares.model.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CA files of the managing host (the host doctor runs on), for the "consensual CA" rule: its
 * {@code /etc/ssl/glusterfs.ca}, and {@code /usr/lib/ssl/glusterfs.ca} where Debian's build reads
 * it. Read only when a cluster is reached over SSH: otherwise this host is one of the servers (the
 * local CLI) or there is none (the simulator).
 */
final class ManagingHostCa {

  static final List<Path> FILES =
      List.of(Path.of("/etc/ssl/glusterfs.ca"), Path.of("/usr/lib/ssl/glusterfs.ca"));

  private ManagingHostCa() {}

  static Optional<List<NodeDoctor.CaFile>> read(DesiredState desired) {
    boolean managing =
        desired.clusters().values().stream().anyMatch(s -> s.server() instanceof ServerAddress.Ssh);
    return managing ? Optional.of(read(FILES)) : Optional.empty();
  }

  static List<NodeDoctor.CaFile> read(List<Path> files) {
    List<NodeDoctor.CaFile> out = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        continue;
      }
      if (!Files.isRegularFile(file)) {
        // Never opened (a FIFO would block); there, but not read: doctor says it did not compare.
        out.add(NodeDoctor.CaFile.unreadable(file.toString(), "not a regular file"));
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes(HostProbe.MAX_TLS_BYTES);
        out.add(
            new NodeDoctor.CaFile(file.toString(), new String(bytes, StandardCharsets.US_ASCII)));
      } catch (IOException e) {
        out.add(
            NodeDoctor.CaFile.unreadable(
                file.toString(), Printable.oneLine(String.valueOf(e.getMessage()))));
      }
    }
    return out;
  }
}
