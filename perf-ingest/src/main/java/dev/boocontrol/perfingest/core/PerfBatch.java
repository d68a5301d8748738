package dev.boocontrol.perfingest.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.model.GpuSample;
import dev.boocontrol.llamaswap.core.model.NetIo;
import dev.boocontrol.llamaswap.core.model.Performance;
import dev.boocontrol.llamaswap.core.model.SysSample;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rows to store from one {@code /api/performance} answer of one host.
 *
 * <p>Sample times are truncated to microseconds, the precision of {@code timestamptz}: the rows
 * then carry exactly the key the database keeps, and the watermark kept in memory equals the one
 * recovered from {@code MAX(sampled_at)} after a restart.
 *
 * @param newWatermark the latest sample time kept, or the old watermark when nothing newer came
 * @param disabled the host answered {@code "enabled": false} (performance monitoring is off)
 * @param noSamplesYet not disabled, never ingested anything (no watermark) and nothing to ingest
 * @param skippedSamples samples dropped: at or before the watermark, duplicates, or no timestamp
 */
public record PerfBatch(
    List<GpuRow> gpuRows,
    List<SystemRow> systemRows,
    Optional<Instant> newWatermark,
    boolean disabled,
    boolean noSamplesYet,
    int skippedSamples) {

  private static final Comparator<GpuRow> GPU_ORDER =
      Comparator.comparing(GpuRow::sampledAt).thenComparingInt(GpuRow::gpuIndex);

  public PerfBatch {
    gpuRows = List.copyOf(gpuRows);
    systemRows = List.copyOf(systemRows);
    Objects.requireNonNull(newWatermark, "newWatermark");
  }

  public static PerfBatch of(String hostId, Performance perf, Optional<Instant> watermark) {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(perf, "perf");
    Objects.requireNonNull(watermark, "watermark");

    Map<GpuKey, GpuRow> gpu = new LinkedHashMap<>();
    int skipped = 0;
    for (GpuSample s : perf.gpuStats()) {
      Instant at = sampleTime(s.timestamp());
      if (!isNew(at, watermark)
          || gpu.putIfAbsent(new GpuKey(s.id(), at), gpuRow(hostId, at, s)) != null) {
        skipped++;
      }
    }
    Map<Instant, SystemRow> system = new LinkedHashMap<>();
    for (SysSample s : perf.sysStats()) {
      Instant at = sampleTime(s.timestamp());
      if (!isNew(at, watermark) || system.putIfAbsent(at, systemRow(hostId, at, s)) != null) {
        skipped++;
      }
    }

    List<GpuRow> gpuRows = new ArrayList<>(gpu.values());
    gpuRows.sort(GPU_ORDER);
    List<SystemRow> systemRows = new ArrayList<>(system.values());
    systemRows.sort(Comparator.comparing(SystemRow::sampledAt));

    // Kept rows are all newer than the old watermark, so their maximum moves it forward.
    Optional<Instant> newest =
        Stream.concat(
                gpuRows.stream().map(GpuRow::sampledAt),
                systemRows.stream().map(SystemRow::sampledAt))
            .max(Comparator.naturalOrder());
    Optional<Instant> newWatermark = newest.isPresent() ? newest : watermark;

    boolean disabled = Boolean.FALSE.equals(perf.enabled());
    boolean noSamplesYet = !disabled && watermark.isEmpty() && perf.noSamplesYet();
    return new PerfBatch(gpuRows, systemRows, newWatermark, disabled, noSamplesYet, skipped);
  }

  private record GpuKey(int gpuIndex, Instant sampledAt) {}

  private static Instant sampleTime(OffsetDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant().truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code after} is exclusive on the server; checked again here in case a host ignores it. */
  private static boolean isNew(Instant at, Optional<Instant> watermark) {
    return at != null && (watermark.isEmpty() || at.isAfter(watermark.get()));
  }

  private static GpuRow gpuRow(String hostId, Instant at, GpuSample s) {
    return new GpuRow(
        hostId,
        s.id(),
        at,
        s.uuid(),
        s.name(),
        s.tempC(),
        s.vramTempC(),
        s.gpuUtilPct(),
        s.memUtilPct(),
        s.memUsedMb(),
        s.memTotalMb(),
        s.fanSpeedPct(),
        s.powerDrawW());
  }

  private static SystemRow systemRow(String hostId, Instant at, SysSample s) {
    return new SystemRow(
        hostId,
        at,
        meanOfFinite(s.cpuUtilPerCore()),
        s.cpuUtilPerCore(),
        s.memTotalMb(),
        s.memUsedMb(),
        s.memFreeMb(),
        s.swapTotalMb(),
        s.swapUsedMb(),
        s.loadAvg1(),
        s.loadAvg5(),
        s.loadAvg15(),
        netIoJson(s.netIo()));
  }

  /** NaN when no core reported a usable value: 0 % would claim an idle CPU. */
  private static double meanOfFinite(List<Double> values) {
    double sum = 0;
    int count = 0;
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static String netIoJson(List<NetIo> netIo) {
    try {
      return LlamaSwapJson.mapper().writeValueAsString(netIo);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write net_io as JSON", e);
    }
  }
}
