package dev.boocontrol.contracts.events;

import java.time.Instant;

/**
 * A control action's state changed (action-queue), published on {@code control.jobs} keyed by job
 * id. Every change sends the whole current picture, so a consumer needs only the newest event per
 * job.
 *
 * @param jobId the action's id (also the record key)
 * @param kind {@code warm}, {@code unload} or {@code unload_all}
 * @param model the model acted on; null for {@code unload_all}
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed}, {@code skipped}
 *     or {@code cancelled}
 * @param position place in the host's queue while queued (1 = next to run); null otherwise
 * @param message plain words on the outcome or why it was skipped; null while nothing to say
 * @param requestedBy the operator who asked for it
 * @param startedAt null until it ran
 * @param finishedAt null until it ended
 * @param durationMs run time once finished (null when it never ran)
 */
public record JobUpdated(
    String jobId,
    String hostId,
    String kind,
    String model,
    String state,
    Integer position,
    String message,
    String requestedBy,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs) {}
