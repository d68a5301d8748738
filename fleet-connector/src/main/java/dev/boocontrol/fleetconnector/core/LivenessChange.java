package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.contracts.events.LivenessState;
import java.time.Instant;

/**
 * A state change of one host's {@link LivenessMachine}: what to publish on {@code fleet.liveness}.
 *
 * @param reason human-readable cause, for the cockpit and the log
 * @param at when the input that caused the change happened
 * @param lastSeenAt last proof of life of the host; null if it never answered
 */
public record LivenessChange(
    LivenessState from, LivenessState to, String reason, Instant at, Instant lastSeenAt) {}
