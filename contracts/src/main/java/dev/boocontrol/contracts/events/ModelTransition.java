package dev.boocontrol.contracts.events;

import java.time.Instant;

/**
 * A model changed state on a host, diffed from two {@code modelStatus} snapshots. Snapshots can be
 * dropped, so {@code fromState} to {@code toState} may skip states (stopped to ready).
 *
 * @param fromState previous state, or null when the model was first seen
 * @param swap true when this load evicted another model, or this stop was caused by one
 */
public record ModelTransition(
    String hostId,
    String modelId,
    String fromState,
    String toState,
    Instant observedAt,
    boolean swap) {}
