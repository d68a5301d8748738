package dev.boocontrol.bencheval.service;

import dev.boocontrol.bencheval.config.BenchEvalConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says, once, with which settings bench-eval started. */
@ApplicationScoped
class BenchEvalStartup {

  private static final Logger LOG = Logger.getLogger(BenchEvalStartup.class);

  void onStart(@Observes StartupEvent event, BenchEvalConfig config) {
    LOG.infof(
        "bench-eval started: max-concurrent-runs=%s, request-timeout=%s",
        config.maxConcurrentRuns(), config.requestTimeout());
  }
}
