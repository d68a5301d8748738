package dev.boocontrol.actionqueue.rest;

import dev.boocontrol.actionqueue.core.Action;
import java.time.Instant;

/**
 * An action as the API shows it.
 *
 * @param position 1-based place in the host's queue while waiting (1 = next); null otherwise
 */
public record ActionView(
    String id,
    String hostId,
    String kind,
    String model,
    String state,
    Integer position,
    String reason,
    String requestedBy,
    boolean takeoverConfirmed,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs) {

  static ActionView of(Action a, Integer position) {
    return new ActionView(
        a.id(),
        a.hostId(),
        a.kind().wireName(),
        a.model(),
        a.state().wireName(),
        position,
        a.reason(),
        a.requestedBy(),
        a.takeoverConfirmed(),
        a.queuedAt(),
        a.startedAt(),
        a.finishedAt(),
        a.durationMs());
  }
}
