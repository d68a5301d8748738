package dev.boocontrol.perfingest.service;

import dev.boocontrol.perfingest.config.PerfIngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says, once, with which settings perf-ingest started. */
@ApplicationScoped
class PerfIngestStartup {

  private static final Logger LOG = Logger.getLogger(PerfIngestStartup.class);

  void onStart(@Observes StartupEvent event, PerfIngestConfig config) {
    LOG.infof(
        "perf-ingest started: poll-interval=%s, raw-perf-retention=%s, activity-retention=%s,"
            + " rollup-retention=%s, retention-interval=%s, lease-ttl=%s",
        config.pollInterval(),
        config.rawPerfRetention(),
        config.activityRetention(),
        config.rollupRetention(),
        config.retentionInterval(),
        config.leaseTtl());
  }
}
