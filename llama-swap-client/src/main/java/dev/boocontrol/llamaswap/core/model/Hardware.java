package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/hardware} (v247+): the inventory taken at process start. Many fields may be null.
 * {@link #capturedAt} changes exactly when the llama-swap process restarts, which makes it the best
 * epoch marker (spec §19.2).
 */
public record Hardware(
    @JsonProperty("schema_version") Integer schemaVersion,
    @JsonProperty("captured_at") OffsetDateTime capturedAt,
    @JsonProperty("capture") Capture capture,
    @JsonProperty("architecture") Architecture architecture,
    @JsonProperty("operating_system") OperatingSystem operatingSystem,
    @JsonProperty("environment") Environment environment,
    @JsonProperty("cpu") Cpu cpu,
    @JsonProperty("memory") Memory memory,
    @JsonProperty("accelerators") List<Accelerator> accelerators) {

  public Hardware {
    accelerators = Collections2.list(accelerators);
  }

  /** How the inventory was taken. */
  public record Capture(
      @JsonProperty("scope") String scope,
      @JsonProperty("method") String method,
      @JsonProperty("detector") Detector detector) {}

  /** The detecting program. */
  public record Detector(
      @JsonProperty("name") String name, @JsonProperty("version") String version) {}

  /** CPU architecture, for example x86_64 / amd64. */
  public record Architecture(
      @JsonProperty("name") String name, @JsonProperty("raw_name") String rawName) {}

  /** Operating system. */
  public record OperatingSystem(
      @JsonProperty("family") String family,
      @JsonProperty("name") String name,
      @JsonProperty("version") String version,
      @JsonProperty("kernel") String kernel) {}

  /**
   * Where llama-swap runs.
   *
   * @param kind native, container, virtual_machine, wsl or unknown
   */
  public record Environment(
      @JsonProperty("kind") String kind,
      @JsonProperty("name") String name,
      @JsonProperty("version") String version) {}

  /** CPU inventory. */
  public record Cpu(
      @JsonProperty("vendor") String vendor,
      @JsonProperty("model") String model,
      @JsonProperty("socket_count") Integer socketCount,
      @JsonProperty("physical_core_count") Integer physicalCoreCount,
      @JsonProperty("logical_thread_count") Integer logicalThreadCount) {}

  /** System memory. */
  public record Memory(@JsonProperty("capacity_bytes") Long capacityBytes) {}

  /** One GPU or other accelerator. */
  public record Accelerator(
      @JsonProperty("index") Integer index,
      @JsonProperty("kind") String kind,
      @JsonProperty("vendor") String vendor,
      @JsonProperty("model") String model,
      @JsonProperty("architecture") String architecture,
      @JsonProperty("memory") AcceleratorMemory memory,
      @JsonProperty("driver") Driver driver,
      @JsonProperty("power_limit_watts") Double powerLimitWatts) {}

  /** Accelerator memory. */
  public record AcceleratorMemory(
      @JsonProperty("kind") String kind, @JsonProperty("capacity_bytes") Long capacityBytes) {}

  /** Accelerator driver. */
  public record Driver(
      @JsonProperty("name") String name, @JsonProperty("version") String version) {}
}
