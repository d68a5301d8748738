package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * One GPU reading of {@code /api/performance}. Samples of all GPUs are flattened, oldest first;
 * group by {@link #id} or {@link #uuid}. nvidia-smi reports {@code vram_temp_c} as 0.
 */
public record GpuSample(
    @JsonProperty("timestamp") OffsetDateTime timestamp,
    @JsonProperty("id") int id,
    @JsonProperty("name") String name,
    @JsonProperty("uuid") String uuid,
    @JsonProperty("temp_c") double tempC,
    @JsonProperty("vram_temp_c") double vramTempC,
    @JsonProperty("gpu_util_pct") double gpuUtilPct,
    @JsonProperty("mem_util_pct") double memUtilPct,
    @JsonProperty("mem_used_mb") double memUsedMb,
    @JsonProperty("mem_total_mb") double memTotalMb,
    @JsonProperty("fan_speed_pct") double fanSpeedPct,
    @JsonProperty("power_draw_w") double powerDrawW) {}
