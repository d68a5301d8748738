package dev.boocontrol.actionqueue.core;

import dev.boocontrol.contracts.events.LivenessState;
import java.time.Instant;

/**
 * The newest connector state known for a host (from {@code fleet.liveness}).
 *
 * @param reason the connector's words for the change; may be null
 * @param at when the connector published it
 */
public record Liveness(LivenessState state, String reason, Instant at) {}
