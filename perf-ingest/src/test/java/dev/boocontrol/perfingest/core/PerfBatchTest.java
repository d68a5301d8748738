package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.model.GpuSample;
import dev.boocontrol.llamaswap.core.model.NetIo;
import dev.boocontrol.llamaswap.core.model.Performance;
import dev.boocontrol.llamaswap.core.model.SysSample;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PerfBatchTest {

  /** llama-swap-samples/http/api-performance.200.json, verbatim. */
  private static final String PERF_200 =
      """
      {"enabled":true,"gpu_stats":[{"timestamp":"2026-08-22T16:29:35.412880113Z","id":0,\
      "name":"NVIDIA GeForce RTX 3090","uuid":"GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94",\
      "temp_c":46,"vram_temp_c":0,"gpu_util_pct":0,"mem_util_pct":5.375162760416666,\
      "mem_used_mb":1321,"mem_total_mb":24576,"fan_speed_pct":30,"power_draw_w":32.87},\
      {"timestamp":"2026-08-22T16:29:40.413004521Z","id":0,"name":"NVIDIA GeForce RTX 3090",\
      "uuid":"GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94","temp_c":46,"vram_temp_c":0,\
      "gpu_util_pct":2,"mem_util_pct":5.375162760416666,"mem_used_mb":1321,"mem_total_mb":24576,\
      "fan_speed_pct":30,"power_draw_w":33.41}],"sys_stats":[{"timestamp":\
      "2026-08-22T16:29:35.001204417Z","cpu_util_per_core":[3,1.9801980198019802,0,\
      4.040404040404041,2,1,0,6],"mem_total_mb":64215,"mem_used_mb":21877,"mem_free_mb":2230,\
      "swap_total_mb":8191,"swap_used_mb":0,"load_avg_1":0.41,"load_avg_5":0.37,\
      "load_avg_15":0.33,"net_io":[{"name":"enp5s0","bytes_recv":91830115523,\
      "bytes_sent":4471903388},{"name":"lo","bytes_recv":2231849610,"bytes_sent":2231849610}]},\
      {"timestamp":"2026-08-22T16:29:40.000988301Z","cpu_util_per_core":[2,1,1,\
      3.0303030303030303,0,1,0,2],"mem_total_mb":64215,"mem_used_mb":21881,"mem_free_mb":2226,\
      "swap_total_mb":8191,"swap_used_mb":0,"load_avg_1":0.38,"load_avg_5":0.36,\
      "load_avg_15":0.33,"net_io":[{"name":"enp5s0","bytes_recv":91830176410,\
      "bytes_sent":4471950021},{"name":"lo","bytes_recv":2231861002,"bytes_sent":2231861002}]}]}
      """;

  private static final String UUID = "GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94";
  private static final String RTX_3090 = "NVIDIA GeForce RTX 3090";

  private static Performance sample200() {
    return LlamaSwapJson.read(PERF_200, Performance.class);
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void freshInstallIngestsEverySampleOfTheRealAnswer() {
    PerfBatch batch = PerfBatch.of("gpu-1", sample200(), Optional.empty());

    assertThat(batch.gpuRows())
        .containsExactly(
            new GpuRow(
                "gpu-1",
                0,
                at("2026-08-22T16:29:35.412880Z"),
                UUID,
                RTX_3090,
                46,
                0,
                0,
                5.375162760416666,
                1321,
                24576,
                30,
                32.87),
            new GpuRow(
                "gpu-1",
                0,
                at("2026-08-22T16:29:40.413004Z"),
                UUID,
                RTX_3090,
                46,
                0,
                2,
                5.375162760416666,
                1321,
                24576,
                30,
                33.41));
    assertThat(batch.systemRows()).hasSize(2);
    assertThat(batch.newWatermark()).contains(at("2026-08-22T16:29:40.413004Z"));
    assertThat(batch.disabled()).isFalse();
    assertThat(batch.noSamplesYet()).isFalse();
    assertThat(batch.skippedSamples()).isZero();
  }

  @Test
  void systemRowCarriesEveryFieldMeanCpuAndCompactNetIoJson() {
    SystemRow first = PerfBatch.of("gpu-1", sample200(), Optional.empty()).systemRows().get(0);

    assertThat(first.hostId()).isEqualTo("gpu-1");
    assertThat(first.sampledAt()).isEqualTo(at("2026-08-22T16:29:35.001204Z"));
    assertThat(first.cpuUtilPerCore())
        .containsExactly(3.0, 1.9801980198019802, 0.0, 4.040404040404041, 2.0, 1.0, 0.0, 6.0);
    // (3 + 1.980198 + 0 + 4.040404 + 2 + 1 + 0 + 6) / 8
    assertThat(first.cpuUtilPct()).isCloseTo(18.02060206020602 / 8, within(1e-12));
    assertThat(first.memTotalMb()).isEqualTo(64215);
    assertThat(first.memUsedMb()).isEqualTo(21877);
    assertThat(first.memFreeMb()).isEqualTo(2230);
    assertThat(first.swapTotalMb()).isEqualTo(8191);
    assertThat(first.swapUsedMb()).isZero();
    assertThat(first.loadAvg1()).isEqualTo(0.41);
    assertThat(first.loadAvg5()).isEqualTo(0.37);
    assertThat(first.loadAvg15()).isEqualTo(0.33);
    assertThat(first.netIoJson())
        .isEqualTo(
            "[{\"name\":\"enp5s0\",\"bytes_recv\":91830115523,\"bytes_sent\":4471903388},"
                + "{\"name\":\"lo\",\"bytes_recv\":2231849610,\"bytes_sent\":2231849610}]");
  }

  @Test
  void netIoJsonReadsBackAsTheSameList() throws Exception {
    SystemRow second = PerfBatch.of("gpu-1", sample200(), Optional.empty()).systemRows().get(1);

    NetIo[] read = LlamaSwapJson.mapper().readValue(second.netIoJson(), NetIo[].class);

    assertThat(Arrays.asList(read))
        .containsExactly(
            new NetIo("enp5s0", 91830176410L, 4471950021L),
            new NetIo("lo", 2231861002L, 2231861002L));
  }

  @Test
  void samplesAtOrBeforeTheWatermarkAreDropped() {
    // Equal to the first GPU sample once truncated to microseconds, and after the first sys one.
    Optional<Instant> watermark = Optional.of(at("2026-08-22T16:29:35.412880Z"));

    PerfBatch batch = PerfBatch.of("gpu-1", sample200(), watermark);

    assertThat(batch.gpuRows())
        .extracting(GpuRow::sampledAt)
        .containsExactly(at("2026-08-22T16:29:40.413004Z"));
    assertThat(batch.systemRows())
        .extracting(SystemRow::sampledAt)
        .containsExactly(at("2026-08-22T16:29:40.000988Z"));
    assertThat(batch.skippedSamples()).isEqualTo(2);
    assertThat(batch.newWatermark()).contains(at("2026-08-22T16:29:40.413004Z"));
  }

  @Test
  void aWatermarkRecoveredFromTheDatabaseMatchesTheTruncatedSampleTime() {
    // After a restart MAX(sampled_at) gives back the microsecond value that was stored.
    PerfBatch first = PerfBatch.of("gpu-1", sample200(), Optional.empty());

    PerfBatch again = PerfBatch.of("gpu-1", sample200(), first.newWatermark());

    assertThat(again.gpuRows()).isEmpty();
    assertThat(again.systemRows()).isEmpty();
    assertThat(again.skippedSamples()).isEqualTo(4);
    assertThat(again.newWatermark()).isEqualTo(first.newWatermark());
    assertThat(again.noSamplesYet()).isFalse();
  }

  @Test
  void watermarkNeverMovesBackwards() {
    Optional<Instant> later = Optional.of(at("2026-08-22T17:00:00Z"));

    PerfBatch batch = PerfBatch.of("gpu-1", sample200(), later);

    assertThat(batch.gpuRows()).isEmpty();
    assertThat(batch.newWatermark()).isEqualTo(later);
  }

  @Test
  void duplicateGpuAndTimestampIsKeptOnceFirstWins() {
    OffsetDateTime t = OffsetDateTime.parse("2026-08-22T16:29:35.412880113Z");
    Performance perf =
        new Performance(
            true,
            List.of(gpu(t, 0, 40), gpu(t, 1, 50), gpu(t, 0, 99), gpu(t.plusNanos(100), 0, 77)),
            List.of(),
            false,
            true);

    PerfBatch batch = PerfBatch.of("gpu-1", perf, Optional.empty());

    // t and t + 100 ns are the same microsecond, so the same database key.
    assertThat(batch.gpuRows())
        .extracting(GpuRow::gpuIndex, GpuRow::tempC)
        .containsExactly(tuple(0, 40.0), tuple(1, 50.0));
    assertThat(batch.skippedSamples()).isEqualTo(2);
  }

  @Test
  void duplicateSystemTimestampIsKeptOnce() {
    OffsetDateTime t = OffsetDateTime.parse("2026-08-22T16:29:35Z");
    Performance perf =
        new Performance(
            true,
            List.of(),
            List.of(sys(t, 0.5), sys(t, 0.9), sys(t.plusSeconds(5), 0.7)),
            true,
            false);

    PerfBatch batch = PerfBatch.of("gpu-1", perf, Optional.empty());

    assertThat(batch.systemRows()).extracting(SystemRow::loadAvg1).containsExactly(0.5, 0.7);
    assertThat(batch.skippedSamples()).isEqualTo(1);
  }

  @Test
  void rowsAreOrderedByTimeThenGpuAndWatermarkSpansBothSeries() {
    OffsetDateTime t0 = OffsetDateTime.parse("2026-08-22T16:00:00Z");
    Performance perf =
        new Performance(
            true,
            List.of(gpu(t0.plusSeconds(5), 1, 1), gpu(t0, 1, 2), gpu(t0, 0, 3)),
            List.of(sys(t0.plusSeconds(9), 0.1)),
            false,
            false);

    PerfBatch batch = PerfBatch.of("gpu-1", perf, Optional.empty());

    assertThat(batch.gpuRows()).extracting(GpuRow::tempC).containsExactly(3.0, 2.0, 1.0);
    assertThat(batch.newWatermark()).contains(at("2026-08-22T16:00:09Z"));
  }

  @Test
  void serverOffsetsBecomeUtcInstants() {
    Performance perf =
        new Performance(
            true,
            List.of(gpu(OffsetDateTime.parse("2026-08-22T09:29:35.5-07:00"), 0, 46)),
            List.of(),
            false,
            true);

    PerfBatch batch = PerfBatch.of("gpu-1", perf, Optional.empty());

    assertThat(batch.gpuRows().get(0).sampledAt()).isEqualTo(at("2026-08-22T16:29:35.500Z"));
  }

  @Test
  void disabledHostGivesNoRowsAndKeepsTheWatermark() {
    Performance perf = LlamaSwapJson.read("{\"enabled\":false}", Performance.class);
    Optional<Instant> watermark = Optional.of(at("2026-08-22T16:00:00Z"));

    PerfBatch batch = PerfBatch.of("gpu-1", perf, watermark);

    assertThat(batch.disabled()).isTrue();
    assertThat(batch.noSamplesYet()).isFalse();
    assertThat(batch.gpuRows()).isEmpty();
    assertThat(batch.systemRows()).isEmpty();
    assertThat(batch.newWatermark()).isEqualTo(watermark);
  }

  @Test
  void legacyAnswerWithoutEnabledKeyIsNotDisabled() {
    Performance perf =
        LlamaSwapJson.read(
            "{\"gpu_stats\":null,\"sys_stats\":[{\"timestamp\":\"2026-08-22T16:29:35Z\","
                + "\"cpu_util_per_core\":[10,30],\"net_io\":null}]}",
            Performance.class);

    PerfBatch batch = PerfBatch.of("gpu-1", perf, Optional.empty());

    assertThat(batch.disabled()).isFalse();
    assertThat(batch.gpuRows()).isEmpty();
    assertThat(batch.systemRows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.cpuUtilPct()).isEqualTo(20.0);
              assertThat(r.netIoJson()).isEqualTo("[]");
            });
  }

  @Test
  void noSamplesYetBeforeTheFirstSampleOfAFreshHost() {
    Performance perf =
        LlamaSwapJson.read(
            "{\"enabled\":true,\"gpu_stats\":null,\"sys_stats\":null}", Performance.class);

    PerfBatch fresh = PerfBatch.of("gpu-1", perf, Optional.empty());
    PerfBatch known = PerfBatch.of("gpu-1", perf, Optional.of(at("2026-08-22T16:00:00Z")));

    assertThat(fresh.noSamplesYet()).isTrue();
    assertThat(fresh.newWatermark()).isEmpty();
    // With a watermark an empty answer only means "nothing new since".
    assertThat(known.noSamplesYet()).isFalse();
    assertThat(known.newWatermark()).contains(at("2026-08-22T16:00:00Z"));
  }

  @Test
  void cpuMeanSkipsMissingCoresAndIsNanWhenNoCoreReported() {
    OffsetDateTime t = OffsetDateTime.parse("2026-08-22T16:00:00Z");
    SysSample partial = sysWithCores(t, Arrays.asList(10.0, null, Double.NaN, 20.0));
    SysSample none = sysWithCores(t.plusSeconds(5), List.of());
    Performance perf = new Performance(true, List.of(), List.of(partial, none), true, false);

    List<SystemRow> rows = PerfBatch.of("gpu-1", perf, Optional.empty()).systemRows();

    assertThat(rows.get(0).cpuUtilPct()).isEqualTo(15.0);
    assertThat(rows.get(0).cpuUtilPerCore()).containsExactly(10.0, null, Double.NaN, 20.0);
    assertThat(rows.get(1).cpuUtilPct()).isNaN();
    assertThat(rows.get(1).cpuUtilPerCore()).isEmpty();
  }

  @Test
  void samplesWithoutTimestampAreSkipped() {
    Performance perf =
        new Performance(
            true,
            List.of(gpu(null, 0, 40), gpu(OffsetDateTime.parse("2026-08-22T16:00:00Z"), 0, 41)),
            List.of(sys(null, 0.1)),
            false,
            false);

    PerfBatch batch = PerfBatch.of("gpu-1", perf, Optional.empty());

    assertThat(batch.gpuRows()).extracting(GpuRow::tempC).containsExactly(41.0);
    assertThat(batch.systemRows()).isEmpty();
    assertThat(batch.skippedSamples()).isEqualTo(2);
  }

  @Test
  void rowListsAreImmutable() {
    PerfBatch batch = PerfBatch.of("gpu-1", sample200(), Optional.empty());

    assertThatThrownBy(() -> batch.gpuRows().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> batch.systemRows().get(0).cpuUtilPerCore().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static GpuSample gpu(OffsetDateTime t, int id, double tempC) {
    return new GpuSample(t, id, "GPU " + id, "GPU-" + id, tempC, 0, 10, 5, 1000, 24576, 30, 50);
  }

  private static SysSample sys(OffsetDateTime t, double load1) {
    return new SysSample(t, List.of(1.0), 64000, 20000, 2000, 8000, 0, load1, 0.2, 0.3, List.of());
  }

  private static SysSample sysWithCores(OffsetDateTime t, List<Double> cores) {
    return new SysSample(t, cores, 64000, 20000, 2000, 8000, 0, 0.1, 0.2, 0.3, List.of());
  }
}
