package dev.boocontrol.gateway.core;

import java.util.Objects;

/**
 * The facts of one client request that routing looks at.
 *
 * @param consumer who sent it (a key's consumer, or the keyless source)
 * @param tools whether it has a non-empty {@code tools} array
 * @param promptTokens the estimated prompt size ({@link PromptEstimate})
 * @param hint the client's {@code X-Boo-Hint}, or null
 */
public record RouteRequest(String consumer, boolean tools, int promptTokens, String hint) {
  public RouteRequest {
    Objects.requireNonNull(consumer, "consumer");
  }
}
