package dev.boocontrol.llamaswap.client;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one llama-swap host is and how to authenticate to it.
 *
 * @param hostId BooControl's id for the host, used in logs and errors
 * @param baseUri {@code http(s)://host:port}, optionally with a path prefix when the host sits
 *     behind a reverse proxy
 * @param apiKey sent as {@code Authorization: Bearer KEY}; never printed by {@link #toString()}
 */
public record HostTarget(String hostId, URI baseUri, Optional<String> apiKey) {

  public HostTarget {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(baseUri, "baseUri");
    apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
    String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUri.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUri must be an absolute http(s) URI: " + safe(baseUri));
    }
  }

  /** A host without an API key. */
  public static HostTarget of(String hostId, String baseUri) {
    return new HostTarget(hostId, URI.create(baseUri), Optional.empty());
  }

  /** A host with an API key. */
  public static HostTarget of(String hostId, String baseUri, String apiKey) {
    return new HostTarget(hostId, URI.create(baseUri), Optional.ofNullable(apiKey));
  }

  @Override
  public String toString() {
    return "HostTarget[hostId="
        + hostId
        + ", baseUri="
        + safe(baseUri)
        + ", apiKey="
        + (apiKey.isPresent() ? "<redacted>" : "<none>")
        + "]";
  }

  // Drops user-info (user:password@) so that credentials in the URI are not printed either.
  private static String safe(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
