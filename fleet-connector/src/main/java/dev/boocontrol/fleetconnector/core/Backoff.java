package dev.boocontrol.fleetconnector.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential backoff with full jitter. Attempt n waits {@code random * min(max,
 * base * 2^n)}, so many connectors that lost their hosts together do not reconnect in lockstep. The
 * delay is never below {@code base / 2}: an unlucky random draw near zero must not turn into a hot
 * reconnect loop against a host that refuses connections at once.
 *
 * <p>Not thread-safe: one instance per host, driven from that host's loop.
 */
public final class Backoff {

  private final long baseNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int attempts;

  /**
   * @param base first ceiling (for example 250 ms); must be positive
   * @param max largest ceiling (for example 10 s); must not be below {@code base}
   * @param random values in [0, 1); values outside are clamped, NaN counts as 0
   */
  public Backoff(Duration base, Duration max, DoubleSupplier random) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base must be positive: " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("max " + max + " is below base " + base);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** A backoff drawing its jitter from {@link ThreadLocalRandom}. */
  public static Backoff withJitter(Duration base, Duration max) {
    return new Backoff(base, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before the next attempt; counts the attempt. */
  public Duration next() {
    long ceiling = ceilingNanos(attempts);
    long jittered = (long) (unit(random.getAsDouble()) * ceiling);
    if (attempts < Integer.MAX_VALUE) {
      attempts++;
    }
    return Duration.ofNanos(Math.max(baseNanos / 2, jittered));
  }

  /** Starts again from {@code base}; call once a connection has been established. */
  public void reset() {
    attempts = 0;
  }

  /** Delays handed out since construction or the last {@link #reset()}. */
  public int attempts() {
    return attempts;
  }

  private long ceilingNanos(int attempt) {
    // base * 2^attempt without overflow: once it would pass max, max it is.
    if (attempt >= 62 || baseNanos > (maxNanos >> attempt)) {
      return maxNanos;
    }
    return Math.min(maxNanos, baseNanos << attempt);
  }

  private static double unit(double value) {
    if (Double.isNaN(value) || value < 0) {
      return 0;
    }
    return Math.min(1, value);
  }
}
