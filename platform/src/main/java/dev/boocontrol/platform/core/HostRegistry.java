package dev.boocontrol.platform.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hosts declared in {@code hosts.yaml}, validated. Ids are unique. */
public record HostRegistry(List<HostSpec> hosts) {

  public HostRegistry {
    hosts = List.copyOf(hosts);
  }

  public static HostRegistry empty() {
    return new HostRegistry(List.of());
  }

  /** Enabled llama-swap hosts: the ones connectors and pollers own. */
  public List<HostSpec> connectable() {
    return hosts.stream().filter(HostSpec::connectable).toList();
  }

  /**
   * One registry from several files (for example the operator's and the simulated hosts'). An id
   * declared in two files is an error naming both.
   *
   * @param bySource registries keyed by the file they came from, in order
   */
  public static HostRegistry merge(Map<String, HostRegistry> bySource) {
    List<HostSpec> all = new ArrayList<>();
    Map<String, String> seenIn = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, HostRegistry> e : new LinkedHashMap<>(bySource).entrySet()) {
      for (HostSpec h : e.getValue().hosts()) {
        String first = seenIn.putIfAbsent(h.id(), e.getKey());
        if (first != null) {
          problems.add(
              "host id '" + h.id() + "' is declared in both " + first + " and " + e.getKey());
        } else {
          all.add(h);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RegistryException(String.join(", ", bySource.keySet()), problems);
    }
    return new HostRegistry(all);
  }

  public List<String> ids() {
    return hosts.stream().map(HostSpec::id).toList();
  }
}
