package dev.boocontrol.contracts.cockpit;

import java.time.Instant;

/**
 * A window of activity rows {@code fromId..toId} of an epoch that were probably lost, shown so the
 * operator knows the host's history has a hole there.
 */
public record GapView(int epoch, long fromId, long toId, String reason, Instant detectedAt) {}
