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

  /** Connect to hosts at all (false leaves the service idle, e.g. for a maintenance replica). */
  @WithDefault("true")
  boolean enabled();

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
   * A dead replica's hosts move within this plus a third of it (renewals run every TTL/3): 10 s
   * keeps takeover under 15 s.
   */
  @WithDefault("10s")
  Duration leaseTtl();

  /**
   * Events buffered per host between the socket and Kafka; beyond it events are dropped locally and
   * counted, never by pausing the socket.
   */
  @WithDefault("10000")
  int eventBufferSize();

  /** Consecutive failed connects after which the circuit opens and the host is marked down. */
  @WithDefault("5")
  int failuresBeforeDown();

  /** How often a down host is probed (half-open) to see whether it is back. */
  @WithDefault("30s")
  Duration downProbeInterval();

  /** Captures fetched at once per host to attribute rows; beyond it rows wait, never the host. */
  @WithDefault("2")
  int captureFetchConcurrency();

  /**
   * Rows in one fetch above which the host counts as busy: their captures are not fetched and
   * attribution falls back to inflight headers, so a backlog never adds load to the host.
   */
  @WithDefault("256")
  int captureSkipAbove();

  /** Timeout of each host request (the event stream itself has none). */
  @WithDefault("10s")
  Duration requestTimeout();
}
