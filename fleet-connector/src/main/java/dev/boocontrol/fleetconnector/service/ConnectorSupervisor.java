package dev.boocontrol.fleetconnector.service;

import dev.boocontrol.fleetconnector.config.FleetConnectorConfig;
import dev.boocontrol.fleetconnector.core.CaptureVaulting;
import dev.boocontrol.fleetconnector.messaging.FleetPublisher;
import dev.boocontrol.fleetconnector.repository.EpochRepository;
import dev.boocontrol.llamaswap.client.ClientOptions;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.platform.config.CaptureVaultConfig;
import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.lease.HostLeases;
import dev.boocontrol.platform.lease.HostOwnership;
import dev.boocontrol.platform.lease.LeaseRole;
import dev.boocontrol.platform.registry.HostRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs one {@link HostConnector} per host this replica owns; which hosts it owns is decided by
 * leases ({@link HostOwnership}).
 */
@ApplicationScoped
public class ConnectorSupervisor implements HostOwnership.Worker {

  private static final Logger LOG = Logger.getLogger(ConnectorSupervisor.class);

  private final FleetConnectorConfig config;
  private final EpochRepository epochs;
  private final FleetPublisher publisher;
  private final Vertx vertx;
  private final Counter malformed;
  private final Optional<CaptureVaulting> vaulting;
  private final Counter vaultSkipped;
  private final HostOwnership ownership;
  private final Map<String, HostConnector> running = new ConcurrentHashMap<>();

  ConnectorSupervisor(
      FleetConnectorConfig config,
      ServiceConfig service,
      HostRepository hosts,
      HostLeases leases,
      EpochRepository epochs,
      FleetPublisher publisher,
      Vertx vertx,
      MeterRegistry registry,
      CaptureVaultConfig vault) {
    this.config = config;
    this.epochs = epochs;
    this.publisher = publisher;
    this.vertx = vertx;
    this.malformed =
        Counter.builder("boocontrol_connector_malformed_events_total")
            .description("llama-swap events whose data could not be decoded (skipped)")
            .register(registry);
    registry.gauge("boocontrol_connector_owned_hosts", running, Map::size);
    this.vaulting =
        vault.enabled()
            ? Optional.of(new CaptureVaulting(vault.maxCaptureBytes()))
            : Optional.empty();
    this.vaultSkipped =
        Counter.builder("boocontrol_capture_vault_skipped_total")
            .description("captures not vaulted because their bodies exceed max-capture-bytes")
            .register(registry);
    this.ownership =
        new HostOwnership(
            vertx,
            hosts,
            leases,
            LeaseRole.CONNECTOR,
            service.instanceId(),
            config.leaseTtl(),
            this);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("fleet-connector: host connections disabled by configuration");
      return;
    }
    ownership.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    ownership.stop().await().atMost(Duration.ofSeconds(5));
  }

  /** Hosts this replica reads now. */
  public Set<String> ownedHosts() {
    return Set.copyOf(running.keySet());
  }

  @Override
  public Uni<Void> acquired(HostSpec host) {
    return epochs
        .resumePoint(host.id())
        .invoke(
            resume -> {
              LlamaSwapClient client =
                  new LlamaSwapClient(
                      vertx,
                      new HostTarget(host.id(), host.baseUrl(), host.apiKey()),
                      ClientOptions.defaults()
                          .withRequestTimeout(config.requestTimeout())
                          .withEventBufferCapacity(config.eventBufferSize()));
              HostConnector connector =
                  new HostConnector(
                      host.id(),
                      client,
                      publisher,
                      config,
                      vertx,
                      malformed,
                      vaulting,
                      vaultSkipped,
                      resume);
              HostConnector previous = running.put(host.id(), connector);
              if (previous != null) {
                previous.stop().subscribe().with(ok -> {}, f -> {});
              }
              LOG.infof(
                  "fleet-connector: reading host %s (%s), resuming at epoch %s",
                  host.id(),
                  host.baseUrl(),
                  resume.map(r -> r.epoch() + " after id " + r.cursor()).orElse("1 (new host)"));
              connector.start();
            })
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> released(String hostId) {
    HostConnector c = running.remove(hostId);
    return c == null ? Uni.createFrom().voidItem() : c.stop();
  }
}
