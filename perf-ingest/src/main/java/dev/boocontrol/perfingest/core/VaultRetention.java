package dev.boocontrol.perfingest.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long, and how much, the capture vault keeps. Age is the request's finish time; the byte cap
 * is per host and counts body bytes, so one busy host never pushes out another host's captures.
 *
 * @param retention captures finished longer ago than this are deleted
 * @param maxBytesPerHost above this many body bytes, a host's oldest captures are deleted
 */
public record VaultRetention(Duration retention, long maxBytesPerHost) {

  public VaultRetention {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("capture-vault retention must be positive: " + retention);
    }
    if (maxBytesPerHost <= 0) {
      throw new IllegalArgumentException(
          "capture-vault max-bytes-per-host must be positive: " + maxBytesPerHost);
    }
  }

  /** Captures finished before this instant are deleted. */
  public Instant cutoff(Instant now) {
    return Objects.requireNonNull(now, "now").minus(retention);
  }
}
