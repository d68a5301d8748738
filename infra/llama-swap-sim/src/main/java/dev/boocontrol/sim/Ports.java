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
    // Below Linux's ephemeral range (32768-60999): a port the OS hands to an outgoing connection
    // between this check and the server's bind would make the start fail with "port in use".
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = random.nextInt(LOW, HIGH - count);
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

  static final int LOW = 20_000;
  static final int HIGH = 32_700;

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
