package dev.boocontrol.sim.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Injected inference faults of one host, set through the {@code /sim} API. Touched only on the
 * host's event loop.
 */
public final class Faults {

  /** The next inference answers with this status instead of being served. */
  public record Failure(int status, String message) {}

  private int failStatus;
  private int failRemaining;
  private String failMessage = "simulated upstream failure";
  private double slowFactor = 1.0;

  /**
   * Fail the next {@code count} inference requests with {@code status} (429, 500, 502, 503 or
   * another 5xx). A count of -1 fails every request until cleared.
   */
  public synchronized void failInference(int status, int count, String message) {
    if (status != 429 && (status < 500 || status > 599)) {
      throw new IllegalArgumentException("status must be 429 or 5xx, got " + status);
    }
    this.failStatus = status;
    this.failRemaining = count;
    if (message != null && !message.isBlank()) {
      this.failMessage = message;
    }
  }

  /** Tokens come {@code factor} times slower (1 = normal). */
  public synchronized void slowTokens(double factor) {
    if (!(factor >= 1.0 && factor <= 1000)) {
      throw new IllegalArgumentException("factor must be between 1 and 1000, got " + factor);
    }
    this.slowFactor = factor;
  }

  public synchronized void clear() {
    failRemaining = 0;
    slowFactor = 1.0;
  }

  synchronized Optional<Failure> nextFailure() {
    if (failRemaining == 0) {
      return Optional.empty();
    }
    if (failRemaining > 0) {
      failRemaining--;
    }
    return Optional.of(new Failure(failStatus, failMessage));
  }

  synchronized double slowFactor() {
    return slowFactor;
  }

  synchronized Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("fail_status", failRemaining == 0 ? null : failStatus);
    d.put("fail_remaining", failRemaining);
    d.put("slow_factor", slowFactor);
    return d;
  }
}
