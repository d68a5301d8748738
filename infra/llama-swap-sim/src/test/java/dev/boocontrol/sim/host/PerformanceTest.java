package dev.boocontrol.sim.host;

import static dev.boocontrol.sim.host.SimFixture.chat;
import static dev.boocontrol.sim.host.SimFixture.quietly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/performance}, {@code /metrics} and {@code /api/hardware} follow the host (spec §9).
 */
class PerformanceTest {

  private SimFixture sim;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(SimFixture.FAST_HOST);
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
  }

  private JsonNode lastGpu() throws Exception {
    JsonNode gpus = sim.json(sim.get("/api/performance")).path("gpu_stats");
    return gpus.get(gpus.size() - 1);
  }

  @Test
  void vramFollowsLoadedModelsAndPowerFollowsRequests() throws Exception {
    SimFixture.await("a first sample", Duration.ofSeconds(3), quietly(() -> lastGpu() != null));
    double idleVram = lastGpu().path("mem_used_mb").asDouble();
    double idlePower = lastGpu().path("power_draw_w").asDouble();
    assertThat(idleVram).isLessThan(1000);

    sim.post("/v1/chat/completions", chat("slow", false, "warm", 1));
    // "slow" generates at 20 tokens/s: a 40-token answer keeps the GPU busy for 2 s
    CompletableFuture<?> busy =
        CompletableFuture.runAsync(
            () -> {
              try {
                sim.post("/v1/chat/completions", chat("slow", false, "busy", 40));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    SimFixture.await(
        "utilisation and power rise under load",
        Duration.ofSeconds(3),
        quietly(
            () ->
                lastGpu().path("gpu_util_pct").asDouble() > 20
                    && lastGpu().path("power_draw_w").asDouble() > idlePower + 20));
    busy.get();

    sim.post("/v1/chat/completions", chat("a", false, "load a", 1)); // 8000 MB, swaps "slow" out
    SimFixture.await(
        "VRAM grows by the model's size",
        Duration.ofSeconds(3),
        quietly(() -> lastGpu().path("mem_used_mb").asDouble() >= idleVram + 8000));
  }

  @Test
  void afterFiltersSamplesAndMetricsShowTheLatest() throws Exception {
    SimFixture.await(
        "two samples",
        Duration.ofSeconds(3),
        quietly(() -> sim.json(sim.get("/api/performance")).path("sys_stats").size() >= 2));
    JsonNode all = sim.json(sim.get("/api/performance"));
    String first = all.at("/sys_stats/0/timestamp").asText();
    JsonNode after = sim.json(sim.get("/api/performance?after=" + first));
    assertThat(after.path("sys_stats").size()).isEqualTo(all.path("sys_stats").size() - 1);
    assertThat(Instant.parse(after.at("/sys_stats/0/timestamp").asText()))
        .isAfter(Instant.parse(first));
    assertThat(sim.get("/api/performance?after=yesterday").statusCode()).isEqualTo(400);
    assertThat(sim.get("/metrics").body()).contains("llamaswap_gpu_memory_used_bytes{");
    assertThat(
            sim.json(sim.get("/api/hardware")).at("/accelerators/0/memory/capacity_bytes").asLong())
        .isEqualTo(24576L * 1024 * 1024);
  }
}
