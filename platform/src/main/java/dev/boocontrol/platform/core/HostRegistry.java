package dev.boocontrol.platform.core;

import java.util.List;

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

  public List<String> ids() {
    return hosts.stream().map(HostSpec::id).toList();
  }
}
