package dev.boocontrol.perfingest.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code system_samples}; key (host, sampled_at).
 *
 * @param cpuUtilPct mean of the finite per-core values; NaN when the host reported no core
 * @param cpuUtilPerCore as sent (may hold nulls, which {@code double precision[]} accepts)
 * @param netIoJson the {@code net_io} list as compact JSON, {@code []} when empty
 */
public record SystemRow(
    String hostId,
    Instant sampledAt,
    double cpuUtilPct,
    List<Double> cpuUtilPerCore,
    double memTotalMb,
    double memUsedMb,
    double memFreeMb,
    double swapTotalMb,
    double swapUsedMb,
    double loadAvg1,
    double loadAvg5,
    double loadAvg15,
    String netIoJson) {

  public SystemRow {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(sampledAt, "sampledAt");
    // List.copyOf would reject the null elements a Go client may send.
    cpuUtilPerCore =
        cpuUtilPerCore == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(cpuUtilPerCore));
    Objects.requireNonNull(netIoJson, "netIoJson");
  }
}
