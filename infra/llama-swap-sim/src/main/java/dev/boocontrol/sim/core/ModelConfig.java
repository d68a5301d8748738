package dev.boocontrol.sim.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code models.<id>} entry with every default and macro applied.
 *
 * @param cmd the macro-expanded command ({@code /running} shows it as is)
 * @param proxy the macro-expanded upstream URL
 * @param port the {@code ${PORT}} assigned to this model, 0 when its cmd does not use it
 * @param ttl effective seconds ({@code globalTTL} applied); 0 = never unload
 * @param concurrencyLimit effective limit (0 in the file means 10)
 * @param unloadTimeout effective seconds (0 in the file means the global value)
 * @param sendLoadingState effective (unset in the file means the global value)
 * @param metadata user metadata with macros expanded, types kept (for {@code meta.llamaswap})
 */
public record ModelConfig(
    String id,
    String name,
    String description,
    String cmd,
    String proxy,
    int port,
    List<String> aliases,
    int ttl,
    boolean unlisted,
    int concurrencyLimit,
    String checkEndpoint,
    int unloadTimeout,
    boolean sendLoadingState,
    Map<String, Object> metadata,
    Capabilities capabilities,
    ModelSim sim) {

  public ModelConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    capabilities = capabilities == null ? Capabilities.none() : capabilities;
    sim = sim == null ? ModelSim.defaults() : sim;
  }

  /** {@code capabilities.context}, 0 when not set. */
  public int contextLength() {
    return capabilities.context();
  }

  /** {@code checkEndpoint: none} marks the model ready without a health check. */
  public boolean skipsHealthCheck() {
    return "none".equalsIgnoreCase(checkEndpoint);
  }
}
