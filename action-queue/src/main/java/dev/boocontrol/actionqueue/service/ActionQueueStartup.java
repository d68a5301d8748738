package dev.boocontrol.actionqueue.service;

import dev.boocontrol.actionqueue.config.ActionQueueConfig;
import dev.boocontrol.actionqueue.repository.ActionRepository;
import dev.boocontrol.platform.config.ServiceConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Says, once, with which settings action-queue started, and closes the actions a previous run of
 * this replica left open (the queue lives in memory and died with it).
 */
@ApplicationScoped
class ActionQueueStartup {

  private static final Logger LOG = Logger.getLogger(ActionQueueStartup.class);

  void onStart(
      @Observes StartupEvent event,
      ActionQueueConfig config,
      ServiceConfig service,
      ActionRepository actions) {
    // The main thread, before requests are served: waiting here is allowed.
    int abandoned =
        actions.abandonOpen(service.instanceId()).await().atMost(Duration.ofSeconds(30));
    LOG.infof(
        "action-queue started: max-queue-depth=%s, stale-after=%s, courtesy-window=%s,"
            + " action-timeout=%s; %d actions of an earlier run marked failed",
        config.maxQueueDepth(),
        config.staleAfter(),
        config.courtesyWindow(),
        config.actionTimeout(),
        abandoned);
  }
}
