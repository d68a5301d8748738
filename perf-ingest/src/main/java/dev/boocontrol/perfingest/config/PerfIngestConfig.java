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

  /** How long raw GPU and system samples are kept (rollups keep the history). */
  @WithDefault("48h")
  Duration rawPerfRetention();

  /** How long activity rows are kept. */
  @WithDefault("P30D")
  Duration activityRetention();

  /** How long 5-minute rollups are kept. */
  @WithDefault("P90D")
  Duration rollupRetention();

  /** How often the rollup and retention job runs (once across replicas, under a database lock). */
  @WithDefault("5m")
  Duration retentionInterval();

  /** How long a poller's host lease lasts without a heartbeat. */
  @WithDefault("10s")
  Duration leaseTtl();
}
