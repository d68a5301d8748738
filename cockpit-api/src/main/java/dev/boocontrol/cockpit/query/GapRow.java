package dev.boocontrol.cockpit.query;

import java.time.Instant;

/**
 * Activity ids {@code fromId..toId} of an epoch that were probably lost ({@code missing} of them).
 */
public record GapRow(
    String hostId,
    int epoch,
    long fromId,
    long toId,
    long missing,
    String reason,
    Instant detectedAt) {}
