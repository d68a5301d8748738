package dev.boocontrol.gateway.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fleet as routing needs it, kept from the registry, the hosts' model lists, model transitions
 * and liveness; {@link #view()} freezes it for one request. A liveness older than the one held is
 * ignored (the liveness topic is replayed at start). Not thread-safe: the owner serializes access.
 */
public final class FleetRoutes {

  private static final class Host {
    String baseUrl;
    Optional<String> apiKey = Optional.empty();
    final Map<String, ModelRoute> models = new TreeMap<>();
  }

  private record Seen(Liveness state, Instant at) {}

  private final Map<String, Host> hosts = new TreeMap<>();
  // Kept for hosts the registry does not list yet too: the replayed liveness can come first.
  private final Map<String, Seen> liveness = new TreeMap<>();

  /** The registry's hosts; hosts no longer listed are forgotten. */
  public void registry(Map<String, String> baseUrls, Map<String, Optional<String>> apiKeys) {
    hosts.keySet().retainAll(baseUrls.keySet());
    baseUrls.forEach(
        (id, url) -> {
          Host h = hosts.computeIfAbsent(id, k -> new Host());
          h.baseUrl = url;
          h.apiKey = apiKeys.getOrDefault(id, Optional.empty());
        });
  }

  /**
   * What the host's {@code /v1/models} lists: new ids come in as stopped, ids it no longer lists go
   * unless they are running (a model can be unlisted yet loaded).
   */
  public void listed(String hostId, Set<String> modelIds) {
    Host h = hosts.get(hostId);
    if (h == null) {
      return;
    }
    h.models.values().removeIf(m -> !modelIds.contains(m.modelId()) && m.warmRank() == 2);
    for (String id : modelIds) {
      h.models.putIfAbsent(id, new ModelRoute(id, "stopped", OptionalInt.empty()));
    }
  }

  public void transition(String hostId, String modelId, String state) {
    Host h = hosts.get(hostId);
    if (h == null || modelId == null || state == null) {
      return;
    }
    ModelRoute old = h.models.get(modelId);
    h.models.put(
        modelId,
        new ModelRoute(modelId, state, old == null ? OptionalInt.empty() : old.contextLength()));
  }

  /** A liveness event; older than the held one (a replay) changes nothing. */
  public void liveness(String hostId, Liveness state, Instant at) {
    if (hostId == null || state == null) {
      return;
    }
    Seen held = liveness.get(hostId);
    if (held != null && held.at() != null && at != null && at.isBefore(held.at())) {
      return;
    }
    liveness.put(hostId, new Seen(state, at));
  }

  public RoutingView view() {
    List<HostRoute> out = new ArrayList<>();
    hosts.forEach(
        (id, h) -> {
          Seen seen = liveness.get(id);
          out.add(
              new HostRoute(
                  id,
                  h.baseUrl,
                  h.apiKey,
                  seen == null ? Liveness.UNKNOWN : seen.state(),
                  h.models));
        });
    return new RoutingView(out);
  }

  public Set<String> hostIds() {
    return Set.copyOf(hosts.keySet());
  }
}
