package dev.boocontrol.actionqueue.service;

import dev.boocontrol.actionqueue.config.ActionQueueConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says, once, with which settings action-queue started. */
@ApplicationScoped
class ActionQueueStartup {

  private static final Logger LOG = Logger.getLogger(ActionQueueStartup.class);

  void onStart(@Observes StartupEvent event, ActionQueueConfig config) {
    LOG.infof(
        "action-queue started: max-queue-depth=%s, stale-after=%s, courtesy-window=%s",
        config.maxQueueDepth(), config.staleAfter(), config.courtesyWindow());
  }
}
