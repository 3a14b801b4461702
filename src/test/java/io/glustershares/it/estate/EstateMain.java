package io.glustershares.it.estate;

import java.io.IOException;
import java.util.List;

/**
 * Brings an estate up by hand, for looking around: prints how to enter its machines, then keeps it
 * until standard input ends (Enter, or Ctrl-D), and tears it down. See the README's "The test
 * estate".
 */
public final class EstateMain {

  private EstateMain() {}

  public static void main(String[] args) throws IOException {
    Estate estate = Estate.up();
    try {
      System.out.println("machines (nsenter -t PID -m -u -i -n -p -- COMMAND):");
      for (Node n : estate.nodes()) {
        System.out.printf(
            "  %-8s %-14s cluster %s, PID %d%n",
            n.name(), n.ip(), n.cluster(), n.namespace().pid());
      }
      ManagingHost m = estate.managing();
      System.out.printf(
          "  %-8s %-14s managing host, PID %d%n", m.name(), m.ip(), m.namespace().pid());
      System.out.println("ssh from the managing host: ssh -F " + estate.ssh().config() + " east-1");
      System.out.println("press Enter to tear it down");
      System.in.read();
    } finally {
      List<String> left = estate.down();
      if (!left.isEmpty()) {
        System.out.println("LEFT BEHIND: " + left);
        System.exit(1);
      }
    }
  }
}
