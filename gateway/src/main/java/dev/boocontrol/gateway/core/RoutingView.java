package dev.boocontrol.gateway.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** An immutable snapshot of the fleet for routing: hosts, their models, and who serves what. */
public final class RoutingView {

  private final Map<String, HostRoute> hosts;
  private final Map<String, List<String>> servedBy;

  public RoutingView(List<HostRoute> hostList) {
    Map<String, HostRoute> byId = new TreeMap<>();
    hostList.forEach(h -> byId.put(h.hostId(), h));
    this.hosts = java.util.Collections.unmodifiableMap(byId);
    Map<String, TreeSet<String>> served = new TreeMap<>();
    byId.values()
        .forEach(
            h ->
                h.models()
                    .keySet()
                    .forEach(m -> served.computeIfAbsent(m, k -> new TreeSet<>()).add(h.hostId())));
    Map<String, List<String>> out = new TreeMap<>();
    served.forEach((m, hs) -> out.put(m, List.copyOf(hs)));
    this.servedBy = java.util.Collections.unmodifiableMap(out);
  }

  public static RoutingView empty() {
    return new RoutingView(List.of());
  }

  /** Hosts sorted by id. */
  public List<HostRoute> hosts() {
    return List.copyOf(hosts.values());
  }

  public Optional<HostRoute> host(String id) {
    return Optional.ofNullable(hosts.get(id));
  }

  /** Every real model id, once, sorted, mapped to the ids of the hosts that serve it (sorted). */
  public Map<String, List<String>> servedBy() {
    return servedBy;
  }

  /** Every (host, model) pair, sorted by host then model. */
  public List<Pair> pairs() {
    List<Pair> out = new ArrayList<>();
    for (HostRoute h : hosts.values()) {
      h.models().values().stream()
          .sorted(Comparator.comparing(ModelRoute::modelId))
          .forEach(m -> out.add(new Pair(h, m)));
    }
    return out;
  }

  /** A model on a host. */
  public record Pair(HostRoute host, ModelRoute model) {}
}
