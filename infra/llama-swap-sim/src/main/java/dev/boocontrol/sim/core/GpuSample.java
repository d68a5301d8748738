package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One GPU reading, as in {@code /api/performance} {@code gpu_stats} (llama-swap's types). */
public record GpuSample(
    @JsonProperty("timestamp") Instant timestamp,
    @JsonProperty("id") int id,
    @JsonProperty("name") String name,
    @JsonProperty("uuid") String uuid,
    @JsonProperty("temp_c") int tempC,
    @JsonProperty("vram_temp_c") int vramTempC,
    @JsonProperty("gpu_util_pct") double gpuUtilPct,
    @JsonProperty("mem_util_pct") double memUtilPct,
    @JsonProperty("mem_used_mb") int memUsedMb,
    @JsonProperty("mem_total_mb") int memTotalMb,
    @JsonProperty("fan_speed_pct") double fanSpeedPct,
    @JsonProperty("power_draw_w") double powerDrawW) {}
