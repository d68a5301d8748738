package dev.boocontrol.fleetconnector.service;

import dev.boocontrol.fleetconnector.config.FleetConnectorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says, once, with which settings fleet-connector started. */
@ApplicationScoped
class FleetConnectorStartup {

  private static final Logger LOG = Logger.getLogger(FleetConnectorStartup.class);

  void onStart(@Observes StartupEvent event, FleetConnectorConfig config) {
    LOG.infof(
        "fleet-connector started: health-probe-interval=%s, reconnect-max-backoff=%s, lease-ttl=%s, event-buffer-size=%s",
        config.healthProbeInterval(),
        config.reconnectMaxBackoff(),
        config.leaseTtl(),
        config.eventBufferSize());
  }
}
