package dev.boocontrol.contracts.events;

import java.time.Instant;

/**
 * The connector saw a new llama-swap process lifetime on a host: activity ids start again. Sent on
 * {@code fleet.activity} before the epoch's first row, so consumers can key rows by epoch.
 *
 * @param capturedAt the host's {@code captured_at}, null when the host has no /api/hardware
 */
public record EpochStarted(String hostId, int epoch, Instant capturedAt, String reason) {}
