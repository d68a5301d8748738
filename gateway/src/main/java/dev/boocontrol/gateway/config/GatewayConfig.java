package dev.boocontrol.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of gateway, under {@code boocontrol.gateway.*}; each can be set from the environment,
 * e.g. {@code BOOCONTROL_GATEWAY_CONNECT_TIMEOUT}.
 */
@ConfigMapping(prefix = "boocontrol.gateway")
public interface GatewayConfig {

  /** Connect timeout to an upstream host; a timeout fails over to the next candidate. */
  @WithDefault("3s")
  Duration connectTimeout();

  /** Longest wait for response headers (covers a model load); fails over when exceeded. */
  @WithDefault("180s")
  Duration firstByteTimeout();

  /** Candidates tried per request before the client gets an error. */
  @WithDefault("3")
  int maxAttempts();

  /** How often the registry and each host's model list are read again. */
  @WithDefault("15s")
  Duration fleetRefresh();
}
