package dev.boocontrol.gateway.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One llama-swap host as routing sees it.
 *
 * @param apiKey the host's own key from the registry; a secret, never printed
 * @param models its models by id
 */
public record HostRoute(
    String hostId,
    String baseUrl,
    Optional<String> apiKey,
    Liveness liveness,
    Map<String, ModelRoute> models) {

  public HostRoute {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(baseUrl, "baseUrl");
    apiKey = apiKey == null ? Optional.empty() : apiKey;
    liveness = liveness == null ? Liveness.UNKNOWN : liveness;
    models = Map.copyOf(models);
  }

  public boolean connected() {
    return liveness == Liveness.CONNECTED;
  }

  @Override
  public String toString() {
    return "HostRoute[hostId=%s, baseUrl=%s, apiKey=%s, liveness=%s, models=%s]"
        .formatted(
            hostId, baseUrl, apiKey.isPresent() ? "[REDACTED]" : "none", liveness, models.keySet());
  }
}
