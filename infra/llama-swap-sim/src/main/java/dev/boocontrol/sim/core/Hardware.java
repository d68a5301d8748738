package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/hardware} (v247+, spec 9.3), in llama-swap's field order; nulls are kept. */
public record Hardware(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("captured_at") Instant capturedAt,
    @JsonProperty("capture") CaptureInfo capture,
    @JsonProperty("architecture") Architecture architecture,
    @JsonProperty("operating_system") OperatingSystem operatingSystem,
    @JsonProperty("environment") Environment environment,
    @JsonProperty("cpu") Cpu cpu,
    @JsonProperty("memory") Memory memory,
    @JsonProperty("accelerators") List<Accelerator> accelerators) {

  public Hardware {
    accelerators = accelerators == null ? null : List.copyOf(accelerators);
  }

  public record CaptureInfo(
      @JsonProperty("scope") String scope,
      @JsonProperty("method") String method,
      @JsonProperty("detector") Detector detector) {}

  public record Detector(
      @JsonProperty("name") String name, @JsonProperty("version") String version) {}

  public record Architecture(
      @JsonProperty("name") String name, @JsonProperty("raw_name") String rawName) {}

  public record OperatingSystem(
      @JsonProperty("family") String family,
      @JsonProperty("name") String name,
      @JsonProperty("version") String version,
      @JsonProperty("kernel") String kernel) {}

  public record Environment(
      @JsonProperty("kind") String kind,
      @JsonProperty("name") String name,
      @JsonProperty("version") String version) {}

  public record Cpu(
      @JsonProperty("vendor") String vendor,
      @JsonProperty("model") String model,
      @JsonProperty("socket_count") Integer socketCount,
      @JsonProperty("physical_core_count") Integer physicalCoreCount,
      @JsonProperty("logical_thread_count") Integer logicalThreadCount) {}

  public record Memory(@JsonProperty("capacity_bytes") long capacityBytes) {}

  public record Accelerator(
      @JsonProperty("index") int index,
      @JsonProperty("kind") String kind,
      @JsonProperty("vendor") String vendor,
      @JsonProperty("model") String model,
      @JsonProperty("architecture") String architecture,
      @JsonProperty("memory") AcceleratorMemory memory,
      @JsonProperty("driver") Driver driver,
      @JsonProperty("power_limit_watts") Double powerLimitWatts) {}

  public record AcceleratorMemory(
      @JsonProperty("kind") String kind, @JsonProperty("capacity_bytes") Long capacityBytes) {}

  public record Driver(
      @JsonProperty("name") String name, @JsonProperty("version") String version) {}
}
