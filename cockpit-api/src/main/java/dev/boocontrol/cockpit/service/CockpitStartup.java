package dev.boocontrol.cockpit.service;

import dev.boocontrol.cockpit.config.CockpitConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says, once, with which settings cockpit-api started. */
@ApplicationScoped
class CockpitStartup {

  private static final Logger LOG = Logger.getLogger(CockpitStartup.class);

  void onStart(@Observes StartupEvent event, CockpitConfig config) {
    LOG.infof(
        "cockpit-api started: websocket-queue-size=%s, log-tail-lines=%s",
        config.websocketQueueSize(), config.logTailLines());
  }
}
