package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.contracts.events.LivenessState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Liveness of one host: CONNECTED (the {@code /api/events} stream is open), RECONNECTING (no
 * stream, retrying with backoff) or DOWN (the circuit is open: no connect attempts, only a {@code
 * /health} probe every {@link LivenessPolicy#downProbeInterval()}).
 *
 * <p>Silence is never a fault. llama-swap sends no heartbeat, so an idle host may send nothing for
 * hours; only a closed stream, a failed connect or a failed {@code /health} probe (which catches
 * half-open connections) moves the state. There is deliberately no timeout input.
 *
 * <p>Half-open: a successful probe moves a DOWN host to RECONNECTING but does not clear the
 * consecutive connect failures (only an opened stream does), so one more failed connect opens the
 * circuit again at once.
 *
 * <p>Not thread-safe: one instance per host, driven from that host's loop.
 */
public final class LivenessMachine {

  private final LivenessPolicy policy;
  private LivenessState state = LivenessState.RECONNECTING;
  private Instant lastSeenAt;
  private Instant lastProbeAt;
  private int consecutiveFailures;

  /** A host never connected yet: RECONNECTING, never seen. */
  public LivenessMachine(LivenessPolicy policy, Instant now) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.lastProbeAt = Objects.requireNonNull(now, "now");
  }

  /** The {@code /api/events} stream opened: the host is connected. */
  public Optional<LivenessChange> streamOpened(Instant now) {
    seen(now);
    consecutiveFailures = 0;
    return moveTo(LivenessState.CONNECTED, "event stream opened", now);
  }

  /** Any message on the stream: proof of life, never a state change. */
  public Optional<LivenessChange> streamData(Instant now) {
    seen(now);
    return Optional.empty();
  }

  /** The stream ended (config reload, restart, proxy timeout). Not counted as a failure. */
  public Optional<LivenessChange> streamClosed(Instant now, String reason) {
    if (state != LivenessState.CONNECTED) {
      return Optional.empty();
    }
    return moveTo(LivenessState.RECONNECTING, "event stream closed: " + text(reason), now);
  }

  /** A connect attempt failed; enough of them in a row open the circuit. */
  public Optional<LivenessChange> connectFailed(Instant now, String reason) {
    Objects.requireNonNull(now, "now");
    if (consecutiveFailures < Integer.MAX_VALUE) {
      consecutiveFailures++;
    }
    if (consecutiveFailures >= policy.failuresBeforeDown()) {
      return moveTo(
          LivenessState.DOWN,
          "circuit open after "
              + consecutiveFailures
              + " consecutive connect failures: "
              + text(reason),
          now);
    }
    return moveTo(LivenessState.RECONNECTING, "connect failed: " + text(reason), now);
  }

  /** {@code /health} answered. For a DOWN host this half-opens the circuit. */
  public Optional<LivenessChange> probeSucceeded(Instant now) {
    seen(now);
    if (state != LivenessState.DOWN) {
      return Optional.empty();
    }
    return moveTo(LivenessState.RECONNECTING, "host answers /health again", now);
  }

  /**
   * {@code /health} failed. While CONNECTED the open stream is suspect (half-open TCP): the caller
   * must drop it when this returns a change. A DOWN host stays down.
   */
  public Optional<LivenessChange> probeFailed(Instant now, String reason) {
    if (state != LivenessState.CONNECTED) {
      return Optional.empty();
    }
    return moveTo(LivenessState.RECONNECTING, "health probe failed: " + text(reason), now);
  }

  /** Record that a probe was sent now; {@link #probeDue} counts from here. */
  public void probed(Instant now) {
    lastProbeAt = Objects.requireNonNull(now, "now");
  }

  public LivenessState state() {
    return state;
  }

  /** Last proof of life (stream opened, stream data, probe answered); null if none yet. */
  public Instant lastSeenAt() {
    return lastSeenAt;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** False while DOWN: only a successful probe re-opens the circuit. */
  public boolean mayAttemptConnect(Instant now) {
    return state != LivenessState.DOWN;
  }

  /**
   * Whether to send a {@code /health} probe now: CONNECTED every {@code connectedProbeInterval}
   * (half-open stream check), DOWN every {@link LivenessPolicy#downProbeInterval()}, RECONNECTING
   * never (the connect attempts are the probe). The interval counts from the last {@link #probed}
   * or from entering the state, whichever is later.
   */
  public boolean probeDue(Instant now, Duration connectedProbeInterval) {
    Duration interval =
        switch (state) {
          case CONNECTED -> connectedProbeInterval;
          case DOWN -> policy.downProbeInterval();
          case RECONNECTING -> null;
        };
    return interval != null && !now.isBefore(lastProbeAt.plus(interval));
  }

  private Optional<LivenessChange> moveTo(LivenessState to, String reason, Instant now) {
    Objects.requireNonNull(now, "now");
    if (state == to) {
      return Optional.empty();
    }
    LivenessState from = state;
    state = to;
    lastProbeAt = now; // a new state starts its own probe clock
    return Optional.of(new LivenessChange(from, to, reason, now, lastSeenAt));
  }

  private void seen(Instant now) {
    Objects.requireNonNull(now, "now");
    // Callbacks from the stream and the probe may interleave; never move lastSeenAt back.
    if (lastSeenAt == null || now.isAfter(lastSeenAt)) {
      lastSeenAt = now;
    }
  }

  private static String text(String reason) {
    return reason == null || reason.isBlank() ? "unknown" : reason;
  }
}
