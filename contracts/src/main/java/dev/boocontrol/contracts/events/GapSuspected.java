package dev.boocontrol.contracts.events;

import java.time.Instant;

/**
 * Activity rows {@code fromId..toId} of an epoch were probably lost (pruned by the host, or the
 * host restarted) before the connector could fetch them. The cockpit shows the window.
 */
public record GapSuspected(
    String hostId, int epoch, long fromId, long toId, String reason, Instant detectedAt) {}
