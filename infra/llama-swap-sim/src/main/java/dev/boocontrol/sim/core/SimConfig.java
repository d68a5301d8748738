package dev.boocontrol.sim.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulator's configuration: the llama-swap {@code config.yaml} subset it simulates plus the
 * top-level {@code sim:} section, with every default applied. Built by {@link SimConfigParser}.
 *
 * @param source where the config came from (file name), for messages
 * @param healthCheckTimeout seconds, at least 15
 * @param logLevel {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param captureBuffer {@code captureBuffer} in MB; 0 disables captures
 * @param globalTtl {@code globalTTL} seconds
 * @param unloadTimeout global {@code unloadTimeout} seconds
 * @param uiSessionIdHeaders {@code ui.activity.session_id}
 * @param models by id, sorted by id
 * @param groups every group including the implicit {@code (default)} one when it has members,
 *     sorted by name
 * @param sim the {@code sim:} section
 */
public record SimConfig(
    String source,
    int healthCheckTimeout,
    String logLevel,
    int metricsMaxInMemory,
    int captureBuffer,
    int globalTtl,
    int unloadTimeout,
    boolean sendLoadingState,
    List<String> apiKeys,
    List<String> uiSessionIdHeaders,
    Duration performanceEvery,
    boolean performanceDisabled,
    int startPort,
    Map<String, ModelConfig> models,
    List<GroupConfig> groups,
    SimSettings sim) {

  public SimConfig {
    apiKeys = List.copyOf(apiKeys);
    uiSessionIdHeaders = List.copyOf(uiSessionIdHeaders);
    models = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(models)));
    groups = List.copyOf(groups);
  }

  /** A local model id, else the id an alias points to. */
  public Optional<String> resolveModel(String requested) {
    if (requested == null) {
      return Optional.empty();
    }
    if (models.containsKey(requested)) {
      return Optional.of(requested);
    }
    for (ModelConfig model : models.values()) {
      if (model.aliases().contains(requested)) {
        return Optional.of(model.id());
      }
    }
    return Optional.empty();
  }

  public Optional<ModelConfig> model(String id) {
    return Optional.ofNullable(models.get(id));
  }

  /** Model ids, sorted. */
  public List<String> modelIds() {
    return List.copyOf(models.keySet());
  }

  /** The group a model belongs to (every configured model has one). */
  public Optional<GroupConfig> groupOf(String modelId) {
    for (GroupConfig group : groups) {
      if (group.members().contains(modelId)) {
        return Optional.of(group);
      }
    }
    return Optional.empty();
  }

  /** {@code sim.gpus}. */
  public List<GpuConfig> gpus() {
    return sim.gpus();
  }

  public Optional<GpuConfig> gpu(int index) {
    List<GpuConfig> gpus = sim.gpus();
    return index >= 0 && index < gpus.size() ? Optional.of(gpus.get(index)) : Optional.empty();
  }

  /** {@code sim.system}. */
  public SystemConfig system() {
    return sim.system();
  }

  /** {@code sim.seed}. */
  public long seed() {
    return sim.seed();
  }

  /** True when {@code apiKeys} is non-empty. */
  public boolean authRequired() {
    return !apiKeys.isEmpty();
  }

  public long captureBufferBytes() {
    return (long) captureBuffer * 1024 * 1024;
  }
}
