package dev.boocontrol.gateway.core;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What routing knows besides the fleet's state: measured quality and latency, and who holds which
 * host.
 *
 * @param quality bench score per model id (higher is better)
 * @param latencyMs median time to first token per "host/model" over the recent past
 * @param holders who holds a host (a bench, an operator's takeover), by host id
 */
public record RouteFacts(
    Map<String, Double> quality, Map<String, Double> latencyMs, Map<String, String> holders) {

  public static final RouteFacts NONE = new RouteFacts(Map.of(), Map.of(), Map.of());

  public RouteFacts {
    quality = Map.copyOf(quality);
    latencyMs = Map.copyOf(latencyMs);
    holders = Map.copyOf(holders);
  }

  OptionalDouble quality(String modelId) {
    Double q = quality.get(modelId);
    return q == null ? OptionalDouble.empty() : OptionalDouble.of(q);
  }

  OptionalDouble latency(String hostId, String modelId) {
    Double l = latencyMs.get(hostId + "/" + modelId);
    return l == null ? OptionalDouble.empty() : OptionalDouble.of(l);
  }

  Optional<String> holder(String hostId) {
    return Optional.ofNullable(holders.get(hostId));
  }
}
