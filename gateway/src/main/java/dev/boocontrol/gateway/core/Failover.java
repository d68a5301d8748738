package dev.boocontrol.gateway.core;

/**
 * Whether a failed attempt may go to the next candidate. Only before the first byte reached the
 * client, and only for failures of the host rather than of the request: no connection, no headers
 * in time, a 5xx (llama-swap answers 502 when a model fails to load, 503 while it shuts down) or a
 * 429 (that host is busy; another may not be). Any other 4xx is the client's and goes back as it
 * is.
 */
public final class Failover {

  private Failover() {}

  public static boolean retryStatus(int status) {
    return status == 429 || status >= 500 && status <= 599;
  }

  /** The outcome word recorded for an attempt. */
  public static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "ok";
    }
    return retryStatus(status) ? "host error " + status : "refused " + status;
  }
}
