package dev.boocontrol.cockpit.query;

import java.time.Instant;
import java.util.List;

/**
 * Statistics over {@code from}..{@code to}, busiest first.
 *
 * @param resolution {@code raw} (over every request) or {@code 5m} (over the 5-minute rollups)
 */
public record StatsView<T>(Instant from, Instant to, String resolution, List<T> rows) {}
