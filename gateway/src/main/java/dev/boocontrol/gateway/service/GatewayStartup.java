package dev.boocontrol.gateway.service;

import dev.boocontrol.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says, once, with which settings gateway started. */
@ApplicationScoped
class GatewayStartup {

  private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

  void onStart(@Observes StartupEvent event, GatewayConfig config) {
    LOG.infof(
        "gateway started: connect-timeout=%s, first-byte-timeout=%s, max-attempts=%s",
        config.connectTimeout(), config.firstByteTimeout(), config.maxAttempts());
  }
}
