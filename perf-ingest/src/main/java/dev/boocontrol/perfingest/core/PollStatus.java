package dev.boocontrol.perfingest.core;

import java.time.Duration;
import java.util.Optional;

/**
 * One host's perf polling state across polls: counts consecutive failures for the backoff and says
 * when the host's performance status changed to something the cockpit must show ({@code disabled}
 * or {@code unreachable}), once per change rather than on every poll. Not thread-safe: one per host
 * loop.
 */
public final class PollStatus {

  /** What to do after a poll: a status to announce (only on a change), and when to poll next. */
  public record Step(Optional<String> announce, Duration nextPollIn) {}

  private int failures;
  private PollOutcome.Kind lastKind;

  public Step after(PollOutcome outcome, Duration interval) {
    failures = outcome.isFailure() ? failures + 1 : 0;
    Optional<String> announce = Optional.empty();
    if (outcome.kind() != lastKind && outcome.kind() != PollOutcome.Kind.OK) {
      announce =
          Optional.of(outcome.kind() == PollOutcome.Kind.DISABLED ? "disabled" : "unreachable");
    }
    lastKind = outcome.kind();
    return new Step(announce, outcome.nextPollIn(interval, failures));
  }

  /** Failed polls in a row, the last one included. */
  public int consecutiveFailures() {
    return failures;
  }
}
