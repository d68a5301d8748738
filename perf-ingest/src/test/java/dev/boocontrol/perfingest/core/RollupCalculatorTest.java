package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollupCalculatorTest {

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  // ---- GPU ----

  @Test
  void gpuRollupPerHostGpuAndBucket() {
    List<GpuRow> rows =
        List.of(
            gpu("gpu-1", 0, "2026-08-22T10:00:00Z", 40, 10, 1000, 24576, 100),
            gpu("gpu-1", 0, "2026-08-22T10:01:00Z", 50, 30, 3000, 24576, 200),
            gpu("gpu-1", 0, "2026-08-22T10:04:59.999Z", 60, 20, 2000, 24576, 150),
            gpu("gpu-1", 0, "2026-08-22T10:05:00Z", 70, 90, 5000, 24576, 300),
            gpu("gpu-1", 1, "2026-08-22T10:02:00Z", 30, 0, 500, 12288, 20),
            gpu("gpu-0", 3, "2026-08-22T10:03:00Z", 35, 5, 700, 8192, 15));

    assertThat(RollupCalculator.gpu(rows))
        .containsExactly(
            new GpuRollup(
                "gpu-0",
                3,
                at("2026-08-22T10:00:00Z"),
                1,
                35.0,
                35.0,
                5.0,
                5.0,
                700.0,
                700.0,
                8192.0,
                15.0,
                15.0),
            new GpuRollup(
                "gpu-1",
                0,
                at("2026-08-22T10:00:00Z"),
                3,
                50.0,
                60.0,
                20.0,
                30.0,
                2000.0,
                3000.0,
                24576.0,
                150.0,
                200.0),
            new GpuRollup(
                "gpu-1",
                0,
                at("2026-08-22T10:05:00Z"),
                1,
                70.0,
                70.0,
                90.0,
                90.0,
                5000.0,
                5000.0,
                24576.0,
                300.0,
                300.0),
            new GpuRollup(
                "gpu-1",
                1,
                at("2026-08-22T10:00:00Z"),
                1,
                30.0,
                30.0,
                0.0,
                0.0,
                500.0,
                500.0,
                12288.0,
                20.0,
                20.0));
  }

  @Test
  void gpuMemTotalIsTheLargestSeenInTheBucket() {
    List<GpuRow> rows =
        List.of(
            gpu("gpu-1", 0, "2026-08-22T10:00:00Z", 40, 10, 1000, 24000, 100),
            gpu("gpu-1", 0, "2026-08-22T10:00:05Z", 40, 10, 1000, 24576, 100));

    assertThat(RollupCalculator.gpu(rows))
        .singleElement()
        .satisfies(r -> assertThat(r.memTotalMb()).isEqualTo(24576.0));
  }

  @Test
  void gpuReadingsThatAreNotNumbersAreLeftOutAndAllMissingGivesNull() {
    List<GpuRow> rows =
        List.of(
            gpu("gpu-1", 0, "2026-08-22T10:00:00Z", 40, 10, 1000, 24576, Double.NaN),
            gpu("gpu-1", 0, "2026-08-22T10:00:05Z", 50, 10, 1000, 24576, 120),
            gpu("gpu-1", 0, "2026-08-22T10:05:00Z", 50, 10, 1000, 24576, Double.NaN));

    List<GpuRollup> rollups = RollupCalculator.gpu(rows);

    assertThat(rollups.get(0).samples()).isEqualTo(2);
    assertThat(rollups.get(0).powerWAvg()).isEqualTo(120.0);
    assertThat(rollups.get(0).powerWMax()).isEqualTo(120.0);
    assertThat(rollups.get(0).tempCAvg()).isEqualTo(45.0);
    assertThat(rollups.get(1).samples()).isEqualTo(1);
    assertThat(rollups.get(1).powerWAvg()).isNull();
    assertThat(rollups.get(1).powerWMax()).isNull();
  }

  @Test
  void gpuRollupOfTheRealSampleAnswer() {
    List<GpuRow> rows =
        List.of(
            new GpuRow(
                "gpu-1",
                0,
                at("2026-08-22T16:29:35.412880Z"),
                "GPU-5c1d",
                "RTX 3090",
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
                "GPU-5c1d",
                "RTX 3090",
                46,
                0,
                2,
                5.375162760416666,
                1321,
                24576,
                30,
                33.41));

    GpuRollup r = RollupCalculator.gpu(rows).get(0);

    assertThat(r.bucketStart()).isEqualTo(at("2026-08-22T16:25:00Z"));
    assertThat(r.samples()).isEqualTo(2);
    assertThat(r.tempCAvg()).isEqualTo(46.0);
    assertThat(r.gpuUtilAvg()).isEqualTo(1.0);
    assertThat(r.gpuUtilMax()).isEqualTo(2.0);
    assertThat(r.powerWAvg()).isCloseTo(33.14, within(1e-9));
    assertThat(r.powerWMax()).isEqualTo(33.41);
  }

  // ---- system ----

  @Test
  void systemRollupPerHostAndBucket() {
    List<SystemRow> rows =
        List.of(
            sys("gpu-1", "2026-08-22T10:00:00Z", 10, 20000, 0.5),
            sys("gpu-1", "2026-08-22T10:02:30Z", 30, 22000, 1.5),
            sys("gpu-1", "2026-08-22T10:03:00Z", Double.NaN, 21000, 1.0),
            sys("gpu-1", "2026-08-22T10:05:00Z", 80, 30000, 4.0),
            sys("gpu-0", "2026-08-22T10:07:00Z", 5, 1000, 0.1));

    assertThat(RollupCalculator.system(rows))
        .containsExactly(
            new SystemRollup("gpu-0", at("2026-08-22T10:05:00Z"), 1, 5.0, 5.0, 1000.0, 1000.0, 0.1),
            new SystemRollup(
                "gpu-1", at("2026-08-22T10:00:00Z"), 3, 20.0, 30.0, 21000.0, 22000.0, 1.0),
            new SystemRollup(
                "gpu-1", at("2026-08-22T10:05:00Z"), 1, 80.0, 80.0, 30000.0, 30000.0, 4.0));
  }

  // ---- requests ----

  @Test
  void requestRollupHonoursTokenSentinelsAndUnmeasuredSpeeds() {
    List<ActivityFact> rows =
        List.of(
            // The sample row of llama-swap-api.md 8.1.
            fact(
                "2026-08-22T16:30:14Z",
                200,
                412,
                12,
                1024,
                44.70788982485684,
                1058.5436289547652,
                16646),
            // Usage present but pieces missing: -1 sentinels.
            fact("2026-08-22T16:31:00Z", 200, 100, -1, -1, -1, -1, 1000),
            // Failures carry no usage at all: zeros.
            fact("2026-08-22T16:32:00Z", 500, 0, 0, 0, 0, 0, 354),
            fact("2026-08-22T16:33:00Z", 0, 0, 0, 0, 0, 0, 0),
            fact("2026-08-22T16:34:59Z", 429, 0, 0, 0, 0, 0, 0),
            fact("2026-08-22T16:34:00Z", 200, 50, 88, 0, 50.0, 900.0, 2000));

    RequestRollup r = RollupCalculator.requests(rows).get(0);

    assertThat(RollupCalculator.requests(rows)).hasSize(1);
    assertThat(r.hostId()).isEqualTo("gpu-1");
    assertThat(r.model()).isEqualTo("qwen3-30b");
    assertThat(r.bucketStart()).isEqualTo(at("2026-08-22T16:30:00Z"));
    assertThat(r.requests()).isEqualTo(6);
    assertThat(r.errors()).isEqualTo(3);
    assertThat(r.inputTokens()).isEqualTo(562);
    assertThat(r.outputTokens()).isEqualTo(100);
    assertThat(r.cacheTokens()).isEqualTo(1024);
    assertThat(r.tokensPerSecondAvg()).isCloseTo(47.35394491242842, within(1e-12));
    assertThat(r.tokensPerSecondP50()).isCloseTo(47.35394491242842, within(1e-12));
    assertThat(r.promptPerSecondAvg()).isCloseTo(979.2718144773826, within(1e-12));
    assertThat(r.durationMsAvg()).isEqualTo(20000.0 / 6);
  }

  @Test
  void speedsAreNullWhenNoRowWasMeasured() {
    List<ActivityFact> rows =
        List.of(
            fact("2026-08-22T16:30:00Z", 200, 10, 5, -1, -1, -1, 100),
            fact("2026-08-22T16:31:00Z", 200, 10, 5, -1, 0, Double.NaN, 300));

    RequestRollup r = RollupCalculator.requests(rows).get(0);

    assertThat(r.tokensPerSecondAvg()).isNull();
    assertThat(r.tokensPerSecondP50()).isNull();
    assertThat(r.promptPerSecondAvg()).isNull();
    assertThat(r.durationMsAvg()).isEqualTo(200.0);
    assertThat(r.errors()).isZero();
    assertThat(r.inputTokens()).isEqualTo(20);
  }

  @Test
  void medianOfAnOddCountIsTheMiddleSpeed() {
    RequestRollup r = RollupCalculator.requests(speeds(30, 10, -1, 20)).get(0);

    assertThat(r.tokensPerSecondP50()).isEqualTo(20.0);
    assertThat(r.tokensPerSecondAvg()).isEqualTo(20.0);
  }

  @Test
  void medianOfAnEvenCountInterpolatesBetweenTheMiddleTwo() {
    RequestRollup r = RollupCalculator.requests(speeds(10, 40, 20, 100)).get(0);

    assertThat(r.tokensPerSecondP50()).isEqualTo(30.0);
    assertThat(r.tokensPerSecondAvg()).isEqualTo(42.5);
  }

  @Test
  void medianOfOneSpeedIsThatSpeed() {
    assertThat(RollupCalculator.requests(speeds(0, 33.5, -1)).get(0).tokensPerSecondP50())
        .isEqualTo(33.5);
  }

  @Test
  void requestRollupsAreGroupedAndSortedByHostModelAndBucket() {
    List<ActivityFact> rows =
        List.of(
            new ActivityFact("b", "m1", at("2026-08-22T10:06:00Z"), 200, 1, 1, 0, 10, 10, 100),
            new ActivityFact("a", "m2", at("2026-08-22T10:01:00Z"), 200, 1, 1, 0, 10, 10, 100),
            new ActivityFact("a", "m1", at("2026-08-22T10:07:00Z"), 200, 1, 1, 0, 10, 10, 100),
            new ActivityFact("a", "m1", at("2026-08-22T10:02:00Z"), 200, 1, 1, 0, 10, 10, 100),
            new ActivityFact("a", "m1", at("2026-08-22T10:03:00Z"), 503, 0, 0, 0, 0, 0, 5));

    assertThat(RollupCalculator.requests(rows))
        .extracting(r -> r.hostId() + "/" + r.model() + "@" + r.bucketStart() + "=" + r.requests())
        .containsExactly(
            "a/m1@2026-08-22T10:00:00Z=2",
            "a/m1@2026-08-22T10:05:00Z=1",
            "a/m2@2026-08-22T10:00:00Z=1",
            "b/m1@2026-08-22T10:05:00Z=1");
  }

  @Test
  void noRowsNoRollups() {
    assertThat(RollupCalculator.gpu(List.of())).isEmpty();
    assertThat(RollupCalculator.system(List.of())).isEmpty();
    assertThat(RollupCalculator.requests(List.of())).isEmpty();
  }

  // ---- re-runs ----

  @Test
  void summationOrderWouldMatterForTheseValues() {
    // Guards the determinism tests below: a naive sum in input order would differ.
    assertThat((0.1 + 0.2) + 0.3).isNotEqualTo(0.1 + (0.2 + 0.3));
  }

  @Test
  void reRunningOverTheSameRowsInAnyOrderGivesIdenticalRollups() {
    List<GpuRow> gpuRows = new ArrayList<>();
    List<SystemRow> systemRows = new ArrayList<>();
    List<ActivityFact> facts = new ArrayList<>();
    Instant start = at("2026-08-22T10:00:00Z");
    double[] awkward = {0.1, 0.2, 0.3, 1e16, 1.0, 3.3, 0.7, 1e-3};
    for (int i = 0; i < 240; i++) {
      Instant t = start.plusSeconds(5L * i);
      double v = awkward[i % awkward.length] * (1 + i % 3);
      String host = i % 2 == 0 ? "gpu-1" : "gpu-2";
      gpuRows.add(new GpuRow(host, i % 3, t, "u", "n", v, 0, v, 0, v, 24576, 30, v));
      systemRows.add(new SystemRow(host, t, v, List.of(v), 64000, v, 0, 0, 0, v, 0, 0, "[]"));
      facts.add(
          new ActivityFact(
              host,
              "m" + i % 2,
              t,
              i % 7 == 0 ? 500 : 200,
              i,
              i % 5 - 1,
              i % 4 - 1,
              v,
              v,
              i * 10L));
    }

    List<GpuRollup> gpu = RollupCalculator.gpu(gpuRows);
    List<SystemRollup> system = RollupCalculator.system(systemRows);
    List<RequestRollup> requests = RollupCalculator.requests(facts);

    assertThat(gpu).hasSize(2 * 3 * 4);
    assertThat(system).hasSize(2 * 4);
    assertThat(requests).hasSize(2 * 4);
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      assertThat(RollupCalculator.gpu(shuffled(gpuRows, random))).isEqualTo(gpu);
      assertThat(RollupCalculator.system(shuffled(systemRows, random))).isEqualTo(system);
      assertThat(RollupCalculator.requests(shuffled(facts, random))).isEqualTo(requests);
    }
    assertThat(RollupCalculator.gpu(gpuRows)).isEqualTo(gpu);
  }

  private static <T> List<T> shuffled(List<T> rows, Random random) {
    List<T> copy = new ArrayList<>(rows);
    Collections.shuffle(copy, random);
    return copy;
  }

  private static GpuRow gpu(
      String host,
      int index,
      String time,
      double temp,
      double util,
      double used,
      double total,
      double power) {
    return new GpuRow(
        host, index, at(time), "GPU-x", "GPU", temp, 0, util, 0, used, total, 30, power);
  }

  private static SystemRow sys(String host, String time, double cpu, double memUsed, double load1) {
    return new SystemRow(
        host, at(time), cpu, List.of(cpu), 64000, memUsed, 1000, 8000, 0, load1, 0, 0, "[]");
  }

  private static ActivityFact fact(
      String time,
      int status,
      long in,
      long out,
      long cache,
      double tps,
      double pps,
      long durationMs) {
    return new ActivityFact(
        "gpu-1", "qwen3-30b", at(time), status, in, out, cache, tps, pps, durationMs);
  }

  private static List<ActivityFact> speeds(double... tokensPerSecond) {
    List<ActivityFact> rows = new ArrayList<>();
    for (int i = 0; i < tokensPerSecond.length; i++) {
      rows.add(fact("2026-08-22T10:00:0" + i + "Z", 200, 10, 10, 0, tokensPerSecond[i], 1, 10));
    }
    return rows;
  }
}
