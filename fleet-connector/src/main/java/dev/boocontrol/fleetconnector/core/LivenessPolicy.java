package dev.boocontrol.fleetconnector.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Circuit-breaker settings of a {@link LivenessMachine}.
 *
 * @param failuresBeforeDown consecutive connect failures that open the circuit (host DOWN)
 * @param downProbeInterval how often a DOWN host gets a {@code /health} probe (half-open check)
 */
public record LivenessPolicy(int failuresBeforeDown, Duration downProbeInterval) {

  public static final LivenessPolicy DEFAULT = new LivenessPolicy(5, Duration.ofSeconds(30));

  public LivenessPolicy {
    if (failuresBeforeDown < 1) {
      throw new IllegalArgumentException("failuresBeforeDown must be >= 1: " + failuresBeforeDown);
    }
    Objects.requireNonNull(downProbeInterval, "downProbeInterval");
    if (downProbeInterval.isNegative() || downProbeInterval.isZero()) {
      throw new IllegalArgumentException(
          "downProbeInterval must be positive: " + downProbeInterval);
    }
  }
}
