package dev.boocontrol.sim;

import java.io.IOException;
import java.net.ServerSocket;

/** Free loopback ports for simulators, which serve their hosts on consecutive ports. */
public final class Ports {

  private Ports() {}

  /**
   * {@code count} consecutive ports that are free now (tests and embedders start hosts on them).
   */
  public static int[] freeRun(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      }
      if (base + count > 65_000) {
        continue;
      }
      if (allFree(base, count)) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
          ports[i] = base + i;
        }
        return ports;
      }
    }
    throw new IOException("no run of " + count + " free ports");
  }

  private static boolean allFree(int base, int count) {
    for (int i = 0; i < count; i++) {
      try (ServerSocket s = new ServerSocket(base + i)) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
