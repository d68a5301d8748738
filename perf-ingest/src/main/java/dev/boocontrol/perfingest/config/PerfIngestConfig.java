package dev.boocontrol.perfingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of perf-ingest, under {@code boocontrol.perf-ingest.*}; each can be set from the
 * environment, e.g. {@code BOOCONTROL_PERF_INGEST_POLL_INTERVAL}.
 */
@ConfigMapping(prefix = "boocontrol.perf-ingest")
public interface PerfIngestConfig {

  /**
   * How often /api/performance?after= is polled per host (llama-swap samples every 5 s at best).
   */
  @WithDefault("5s")
  Duration pollInterval();

  /** How long raw perf samples and activity rows are kept before only rollups remain. */
  @WithDefault("P7D")
  Duration rawRetention();

  /** How long 5-minute rollups are kept. */
  @WithDefault("P90D")
  Duration rollupRetention();

  /** How long a poller's host lease lasts without a heartbeat. */
  @WithDefault("15s")
  Duration leaseTtl();
}
