package dev.boocontrol.fleetconnector.core;

import java.time.Instant;

/** What an {@link EpochTracker} learned about a host's activity rows. */
public sealed interface EpochEvent {

  /**
   * The host restarted: its activity ids start again, so rows are keyed by a new epoch.
   *
   * @param capturedAt the new process start from {@code /api/hardware}; null when the restart was
   *     inferred from ids going backwards
   */
  record NewEpoch(int epoch, Instant capturedAt, String reason) implements EpochEvent {}

  /**
   * Rows {@code fromId..toId} (inclusive) of {@code epoch} existed but will never be fetched: what
   * to publish as {@code gap_suspected}.
   */
  record Gap(int epoch, long fromId, long toId, String reason) implements EpochEvent {}
}
