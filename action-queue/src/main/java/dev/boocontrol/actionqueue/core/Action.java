package dev.boocontrol.actionqueue.core;

import dev.boocontrol.contracts.events.JobUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One control action and how far it got. Immutable: every change makes a new value.
 *
 * @param model null for {@link ActionKind#UNLOAD_ALL}
 * @param reason plain words on the outcome or on why it was skipped; null while there is none
 */
public record Action(
    String id,
    String hostId,
    ActionKind kind,
    String model,
    String requestedBy,
    boolean takeoverConfirmed,
    ActionState state,
    String reason,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs) {

  public Action {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(queuedAt, "queuedAt");
  }

  /** A new action, queued now. */
  public static Action queued(String id, String hostId, ValidRequest request, Instant at) {
    return new Action(
        id,
        hostId,
        request.kind(),
        request.model(),
        request.requestedBy(),
        request.confirmTakeover(),
        ActionState.QUEUED,
        null,
        at,
        null,
        null,
        null);
  }

  public Action started(Instant at) {
    return new Action(
        id,
        hostId,
        kind,
        model,
        requestedBy,
        takeoverConfirmed,
        ActionState.RUNNING,
        reason,
        queuedAt,
        at,
        null,
        null);
  }

  /**
   * Ended in {@code end} ({@code succeeded}, {@code failed}, {@code skipped}, {@code cancelled}).
   */
  public Action finished(ActionState end, String why, Instant at) {
    if (!end.isFinal()) {
      throw new IllegalArgumentException("not a final state: " + end);
    }
    Long ran = startedAt == null ? null : Duration.between(startedAt, at).toMillis();
    return new Action(
        id,
        hostId,
        kind,
        model,
        requestedBy,
        takeoverConfirmed,
        end,
        why,
        queuedAt,
        startedAt,
        at,
        ran);
  }

  /** What it does, in words: {@code warm qwen3-30b}, {@code unload_all}. */
  public String describe() {
    return model == null ? kind.wireName() : kind.wireName() + " " + model;
  }

  /** The event announcing this state; {@code position} only while queued. */
  public JobUpdated toEvent(Integer position) {
    return new JobUpdated(
        id,
        hostId,
        kind.wireName(),
        model,
        state.wireName(),
        state == ActionState.QUEUED ? position : null,
        reason,
        requestedBy,
        queuedAt,
        startedAt,
        finishedAt,
        durationMs);
  }
}
