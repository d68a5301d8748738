package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfModelTest {

  private static final Instant T0 = Instant.parse("2026-08-22T16:29:35Z");

  private static final SimConfig ONE_GPU = SimConfigParser.parse("models: {m: {}}\n", "t");

  private static final SimConfig TWO_GPUS =
      SimConfigParser.parse(
          """
          sim:
            seed: 9
            system: {cores: 4, memTotalMb: 32000}
            gpus:
              - {name: NVIDIA GeForce RTX 3090, vramMb: 24576, powerLimitW: 350, idleW: 30}
              - {name: NVIDIA GeForce RTX 4090, vramMb: 24564, powerLimitW: 450, idleW: 20, uuid: GPU-b}
          models: {m: {}}
          """,
          "t");

  private static PerfModel.Sample tick(PerfModel model, int seconds, int vram, int active) {
    return model.sample(T0.plusSeconds(seconds), Map.of(0, vram), Map.of(0, active));
  }

  @Test
  void memoryFollowsTheLoadedModels() {
    PerfModel model = new PerfModel(ONE_GPU);
    GpuSample idle = tick(model, 0, 0, 0).gpus().get(0);
    assertThat(idle.memUsedMb()).isEqualTo(300);
    assertThat(idle.memTotalMb()).isEqualTo(24576);
    assertThat(idle.memUtilPct()).isEqualTo(300.0 / 24576 * 100);
    GpuSample loaded = tick(model, 5, 1021, 0).gpus().get(0);
    assertThat(loaded.memUsedMb()).isEqualTo(1321);
    assertThat(loaded.memUtilPct()).isEqualTo(5.375162760416666); // the sample's value
    GpuSample full = tick(model, 10, 30_000, 0).gpus().get(0);
    assertThat(full.memUsedMb()).isEqualTo(24576);
    assertThat(full.memUtilPct()).isEqualTo(100);
  }

  @Test
  void utilisationFollowsActiveRequests() {
    PerfModel model = new PerfModel(ONE_GPU);
    for (int i = 0; i < 20; i++) {
      assertThat(tick(model, i * 5, 4096, 0).gpus().get(0).gpuUtilPct()).isBetween(0.0, 3.0);
    }
    for (int active = 1; active <= 4; active++) {
      double expected = Math.min(100, 15 + 40 * active);
      double util = tick(model, 200 + active * 5, 4096, active).gpus().get(0).gpuUtilPct();
      assertThat(util).isBetween(expected - 2, expected);
      assertThat(util).isEqualTo(Math.rint(util)); // whole percent like nvidia-smi
    }
  }

  @Test
  void powerFollowsUtilisationWithinLimits() {
    PerfModel model = new PerfModel(ONE_GPU);
    for (int active = 0; active <= 3; active++) {
      GpuSample g = tick(model, active * 5, 4096, active).gpus().get(0);
      double expected = 30 + 320 * g.gpuUtilPct() / 100;
      assertThat(g.powerDrawW()).isCloseTo(expected, within(0.51));
      assertThat(g.powerDrawW()).isLessThanOrEqualTo(350);
      assertThat(g.powerDrawW() * 100).isCloseTo(Math.rint(g.powerDrawW() * 100), within(1e-6));
      assertThat(g.vramTempC()).isZero();
    }
  }

  @Test
  void temperatureClosesFortyPercentOfTheGapPerSample() {
    PerfModel model = new PerfModel(ONE_GPU);
    double temp = 35 + 0.12 * 30; // starts settled at idle
    for (int i = 1; i <= 12; i++) {
      GpuSample g = tick(model, i * 5, 20_000, 3).gpus().get(0);
      temp += 0.4 * (35 + 0.12 * g.powerDrawW() - temp);
      assertThat(g.tempC()).isEqualTo((int) Math.round(temp));
      double expectedFan =
          Math.round(Math.max(30, Math.min(100, 30 + Math.max(0, temp - 50) * 2.2)));
      assertThat(g.fanSpeedPct()).isEqualTo(expectedFan);
    }
    assertThat(temp).isCloseTo(35 + 0.12 * 350, within(0.5)); // ~77 C under full load
    GpuSample hot = tick(model, 100, 20_000, 3).gpus().get(0);
    assertThat(hot.fanSpeedPct()).isBetween(85.0, 92.0);
    // and cools down again
    GpuSample cooler = tick(model, 105, 20_000, 0).gpus().get(0);
    assertThat(cooler.tempC()).isLessThan(hot.tempC());
  }

  @Test
  void eachGpuIsReportedFromItsConfig() {
    PerfModel model = new PerfModel(TWO_GPUS);
    PerfModel.Sample s = model.sample(T0, Map.of(0, 1000, 1, 5000), Map.of(1, 1));
    assertThat(s.timestamp()).isEqualTo(T0);
    assertThat(s.gpus()).extracting(GpuSample::id).containsExactly(0, 1);
    assertThat(s.gpus()).extracting(GpuSample::timestamp).containsOnly(T0);
    assertThat(s.gpus().get(0).uuid()).isEqualTo(TWO_GPUS.gpus().get(0).uuid());
    assertThat(s.gpus().get(1).uuid()).isEqualTo("GPU-b");
    assertThat(s.gpus().get(1).name()).isEqualTo("NVIDIA GeForce RTX 4090");
    assertThat(s.gpus().get(0).memUsedMb()).isEqualTo(1300);
    assertThat(s.gpus().get(1).memUsedMb()).isEqualTo(5300);
    assertThat(s.gpus().get(0).gpuUtilPct()).isLessThanOrEqualTo(3);
    assertThat(s.gpus().get(1).gpuUtilPct()).isBetween(53.0, 55.0);
  }

  @Test
  void hostReadingsRespondToLoad() {
    PerfModel model = new PerfModel(TWO_GPUS);
    SysSample idle = model.sample(T0, Map.of(), Map.of()).system();
    assertThat(idle.timestamp()).isEqualTo(T0);
    assertThat(idle.cpuUtilPerCore()).hasSize(4).allSatisfy(v -> assertThat(v).isBetween(0.0, 5.0));
    assertThat(idle.memTotalMb()).isEqualTo(32000);
    assertThat(idle.memUsedMb() + idle.memFreeMb()).isLessThanOrEqualTo(32000);
    assertThat(idle.memFreeMb()).isPositive();
    assertThat(idle.swapTotalMb()).isEqualTo(8191);
    assertThat(idle.swapUsedMb()).isZero();
    assertThat(idle.netIo()).extracting(NetIo::name).containsExactly("enp5s0", "lo");

    SysSample busy = null;
    List<SysSample> readings = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      busy = model.sample(T0.plusSeconds(5L * i), Map.of(0, 20_000), Map.of(0, 2)).system();
      readings.add(busy);
    }
    assertThat(busy.cpuUtilPerCore().subList(0, 2))
        .allSatisfy(v -> assertThat(v).isGreaterThan(25));
    assertThat(busy.memUsedMb()).isGreaterThan(idle.memUsedMb() + 2000); // ~20000/8 MB more
    assertThat(busy.loadAvg1()).isGreaterThan(busy.loadAvg5());
    assertThat(busy.loadAvg5()).isGreaterThan(busy.loadAvg15());
    assertThat(busy.loadAvg1()).isCloseTo(2.3, within(0.2));
    assertThat(busy.loadAvg1() * 100).isCloseTo(Math.rint(busy.loadAvg1() * 100), within(1e-6));
    for (int i = 1; i < readings.size(); i++) {
      NetIo before = readings.get(i - 1).netIo().get(0);
      NetIo after = readings.get(i).netIo().get(0);
      assertThat(after.bytesRecv()).isGreaterThan(before.bytesRecv());
      assertThat(after.bytesSent()).isGreaterThan(before.bytesSent());
      NetIo lo = readings.get(i).netIo().get(1);
      assertThat(lo.bytesRecv()).isEqualTo(lo.bytesSent());
      assertThat(lo.bytesRecv()).isGreaterThan(readings.get(i - 1).netIo().get(1).bytesRecv());
    }
  }

  @Test
  void cpuValuesLookLikeTickRatios() {
    PerfModel model = new PerfModel(ONE_GPU);
    for (double v : tick(model, 0, 0, 3).system().cpuUtilPerCore()) {
      boolean ratio = false;
      for (int ticks = 99; ticks <= 101; ticks++) {
        double busy = v * ticks / 100;
        ratio |= Math.abs(busy - Math.rint(busy)) < 1e-9;
      }
      assertThat(ratio).as("%s is busy/ticks*100", v).isTrue();
    }
  }

  @Test
  void sameSeedSameReadings() {
    PerfModel a = new PerfModel(ONE_GPU);
    PerfModel b = new PerfModel(ONE_GPU);
    for (int i = 0; i < 5; i++) {
      assertThat(tick(a, i * 5, 4096, i % 3)).isEqualTo(tick(b, i * 5, 4096, i % 3));
    }
    PerfModel other = new PerfModel(TWO_GPUS);
    assertThat(other.sample(T0, Map.of(), Map.of()).system().netIo())
        .isNotEqualTo(new PerfModel(ONE_GPU).sample(T0, Map.of(), Map.of()).system().netIo());
  }

  // ---- /metrics ----

  private static PerfModel.Sample sampleFromTheFixture() {
    String uuid = "GPU-5c1d7f0e-9a3b-4e62-8d21-0b6f2a7c3e94";
    GpuSample gpu =
        new GpuSample(
            Instant.parse("2026-08-22T16:29:40.413004521Z"),
            0,
            "NVIDIA GeForce RTX 3090",
            uuid,
            46,
            0,
            2,
            5.375162760416666,
            1321,
            24576,
            30,
            33.41);
    SysSample sys =
        new SysSample(
            Instant.parse("2026-08-22T16:29:40.000988301Z"),
            List.of(2.0, 1.0, 1.0, 3 * 100.0 / 99, 0.0, 1.0, 0.0, 2.0),
            64215,
            21881,
            2226,
            8191,
            0,
            0.38,
            0.36,
            0.33,
            List.of(
                new NetIo("enp5s0", 91830176410L, 4471950021L),
                new NetIo("lo", 2231861002L, 2231861002L)));
    return new PerfModel.Sample(gpu.timestamp(), List.of(gpu), sys);
  }

  @Test
  void prometheusMatchesTheSampleFormat() {
    String expected =
        Samples.text("http/metrics.prometheus.200.txt")
            // The fixture's total (64215.625 MB) is not whole MB; llama-swap prints MB * 2^20.
            .replace(
                "llamaswap_memory_total_bytes 67334307840",
                "llamaswap_memory_total_bytes " + 64215L * 1024 * 1024);
    assertThat(PerfModel.prometheus(sampleFromTheFixture())).isEqualTo(expected);
  }

  @Test
  void prometheusLeavesOutMissingPartsAndEscapesLabels() {
    GpuSample noUuid =
        new GpuSample(T0, 1, "Odd \"GPU\" \\ name\nx", "", 40, 0, 12.5, 1, 1000, 2000, 30, 100);
    String text = PerfModel.prometheus(new PerfModel.Sample(T0, List.of(noUuid), null));
    assertThat(text).doesNotContain("cpu_util").doesNotContain("uuid=");
    assertThat(text)
        .contains(
            "llamaswap_gpu_util_percent{id=\"1\",name=\"Odd \\\"GPU\\\" \\\\ name\\nx\"} 12.5\n")
        .contains(
            "llamaswap_gpu_memory_used_bytes{id=\"1\",name=\"Odd \\\"GPU\\\" \\\\ name\\nx\"}"
                + " 1.048576e+09\n");
    SysSample sys = new SysSample(T0, List.of(1.0), 100, 50, 40, 0, 0, 1, 1, 1, List.of());
    String sysOnly = PerfModel.prometheus(new PerfModel.Sample(T0, List.of(), sys));
    assertThat(sysOnly).contains("llamaswap_memory_used_bytes 52428800\n");
    assertThat(sysOnly).doesNotContain("network").doesNotContain("gpu");
    assertThat(PerfModel.PROMETHEUS_DISABLED)
        .isEqualTo(Samples.text("http/metrics.prometheus.disabled.503.txt"));
  }

  // ---- /api/hardware ----

  @Test
  void hardwareHasTheSampleStructure() throws Exception {
    Instant start = Instant.parse("2026-08-22T16:20:01.377190254Z");
    Hardware hw = PerfModel.hardware(ONE_GPU, start);
    JsonNode actual = GoJson.mapper().readTree(GoJson.write(hw));
    JsonNode sample = GoJson.mapper().readTree(Samples.text("http/api-hardware.200.json"));
    assertThat(shape(actual)).isEqualTo(shape(sample));
    assertThat(actual.get("captured_at").asText()).isEqualTo("2026-08-22T16:20:01.377190254Z");
    assertThat(actual.at("/capture/detector/version").asText()).isEqualTo("v250");
    assertThat(actual.at("/memory/capacity_bytes").asLong()).isEqualTo(64215L * 1024 * 1024);
    assertThat(actual.at("/cpu/physical_core_count").asInt()).isEqualTo(8);
    // one accelerator, identical to the fixture's RTX 3090
    assertThat(actual.get("accelerators")).isEqualTo(sample.get("accelerators"));
  }

  @Test
  void hardwareListsEveryConfiguredGpu() {
    Hardware hw = PerfModel.hardware(TWO_GPUS, T0);
    assertThat(hw.accelerators()).hasSize(2);
    Hardware.Accelerator second = hw.accelerators().get(1);
    assertThat(second.index()).isEqualTo(1);
    assertThat(second.model()).isEqualTo("NVIDIA GeForce RTX 4090");
    assertThat(second.architecture()).isEqualTo("Ada Lovelace");
    assertThat(second.memory().capacityBytes()).isEqualTo(24564L * 1024 * 1024);
    assertThat(second.powerLimitWatts()).isEqualTo(450);
    assertThat(hw.cpu().physicalCoreCount()).isEqualTo(4);
    assertThat(hw.cpu().model()).isEqualTo("AMD EPYC 4-Core Processor");
  }

  @Test
  void recognisesGpuVendorsAndArchitectures() {
    assertThat(PerfModel.gpuVendor("NVIDIA H100 80GB HBM3")).isEqualTo("NVIDIA");
    assertThat(PerfModel.gpuArchitecture("NVIDIA H100 80GB HBM3")).isEqualTo("Hopper");
    assertThat(PerfModel.gpuArchitecture("NVIDIA A100-SXM4-80GB")).isEqualTo("Ampere");
    assertThat(PerfModel.gpuArchitecture("NVIDIA GeForce RTX 5090")).isEqualTo("Blackwell");
    assertThat(PerfModel.gpuArchitecture("NVIDIA GeForce RTX 2080 Ti")).isEqualTo("Turing");
    assertThat(PerfModel.gpuVendor("AMD Radeon RX 7900 XTX")).isEqualTo("AMD");
    assertThat(PerfModel.gpuArchitecture("AMD Radeon RX 7900 XTX")).isNull();
    assertThat(PerfModel.gpuVendor("Mystery Accelerator")).isNull();
    Hardware hw =
        PerfModel.hardware(
            SimConfigParser.parse(
                "sim: {gpus: [{name: Mystery Accelerator}]}\nmodels: {m: {}}\n", "t"),
            T0);
    assertThat(hw.accelerators().get(0).driver()).isNull();
    assertThat(GoJson.write(hw.accelerators().get(0)))
        .contains("\"vendor\":null")
        .contains("\"architecture\":null")
        .contains("\"driver\":null");
  }

  /** Key names, order and JSON types, values dropped. */
  private static String shape(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      node.properties()
          .forEach(e -> out.append(e.getKey()).append(':').append(shape(e.getValue())).append(','));
      return out.append('}').toString();
    }
    if (node.isArray()) {
      return node.isEmpty() ? "[]" : "[" + shape(node.get(0)) + "]";
    }
    return node.getNodeType().name();
  }
}
