package dev.boocontrol.platform.core;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One host of the registry, as the operator declared it.
 *
 * @param apiKey llama-swap {@code apiKeys} entry to send; a secret, never printed
 */
public record HostSpec(
    String id,
    String displayName,
    URI baseUrl,
    Optional<String> apiKey,
    boolean enabled,
    HostKind kind) {

  public HostSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(kind, "kind");
  }

  /** Whether connectors and pollers should open connections to this host. */
  public boolean connectable() {
    return enabled && kind == HostKind.LLAMA_SWAP;
  }

  @Override
  public String toString() {
    return "HostSpec[id=%s, displayName=%s, baseUrl=%s, apiKey=%s, enabled=%s, kind=%s]"
        .formatted(
            id, displayName, baseUrl, apiKey.isPresent() ? "[REDACTED]" : "none", enabled, kind);
  }
}
