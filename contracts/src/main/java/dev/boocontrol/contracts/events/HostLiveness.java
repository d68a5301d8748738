package dev.boocontrol.contracts.events;

import java.time.Instant;

/**
 * Connector state of one host, published on every change to {@code fleet.liveness}.
 *
 * @param lastSeenAt last time the host answered anything (stream byte or probe); null if never
 * @param reason short human text for the change ("stream closed", "health probe failed", …)
 *     <p>Lost activity rows are not a liveness state: they travel as {@link GapSuspected} events on
 *     the same topic.
 */
public record HostLiveness(String hostId, LivenessState state, Instant lastSeenAt, String reason) {}
