package dev.boocontrol.sim.core;

import java.time.Duration;
import java.time.Instant;

/**
 * llama-swap's TTL rule (spec section 12): a ready model with nothing in flight is unloaded once
 * the end of its last request (or, if it never served one, the moment it became ready) is more than
 * {@code ttl} seconds ago. A TTL of 0 (or below) never unloads.
 */
public final class TtlPolicy {

  private TtlPolicy() {}

  public static boolean shouldUnload(
      Instant now, int ttlSeconds, int inFlight, Instant lastRequestEnd, Instant readySince) {
    if (ttlSeconds <= 0 || inFlight > 0) {
      return false;
    }
    Instant idleSince = lastRequestEnd != null ? lastRequestEnd : readySince;
    if (idleSince == null) {
      return false;
    }
    return Duration.between(idleSince, now).compareTo(Duration.ofSeconds(ttlSeconds)) > 0;
  }
}
