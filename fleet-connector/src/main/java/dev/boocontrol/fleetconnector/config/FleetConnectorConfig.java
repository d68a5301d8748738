package dev.boocontrol.fleetconnector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of fleet-connector, under {@code boocontrol.fleet-connector.*}; each can be set from the
 * environment, e.g. {@code BOOCONTROL_FLEET_CONNECTOR_HEALTH_PROBE_INTERVAL}.
 */
@ConfigMapping(prefix = "boocontrol.fleet-connector")
public interface FleetConnectorConfig {

  /**
   * How often a /health probe checks each connected host on a separate connection (finds half-open
   * streams).
   */
  @WithDefault("10s")
  Duration healthProbeInterval();

  /** Longest wait between reconnect attempts (exponential backoff with jitter up to this). */
  @WithDefault("10s")
  Duration reconnectMaxBackoff();

  /**
   * How long a host lease lasts without a heartbeat before another replica may take the host over.
   */
  @WithDefault("15s")
  Duration leaseTtl();

  /**
   * Events buffered per host between the socket and Kafka; beyond it events are dropped locally and
   * counted, never by pausing the socket.
   */
  @WithDefault("10000")
  int eventBufferSize();
}
