package dev.boocontrol.fleetconnector.service;

import dev.boocontrol.fleetconnector.config.FleetConnectorConfig;
import dev.boocontrol.fleetconnector.messaging.FleetPublisher;
import dev.boocontrol.fleetconnector.repository.EpochRepository;
import dev.boocontrol.llamaswap.client.ClientOptions;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.lease.HostLeases;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Owns hosts through leases and runs one {@link HostConnector} per owned host. Every third of the
 * lease TTL it claims free or expired hosts and renews its own; a host whose lease went to another
 * replica is let go. A dead replica's hosts are taken within one lease TTL plus one tick.
 */
@ApplicationScoped
public class ConnectorSupervisor {

  private static final Logger LOG = Logger.getLogger(ConnectorSupervisor.class);

  private final FleetConnectorConfig config;
  private final ServiceConfig service;
  private final HostRepository hosts;
  private final HostLeases leases;
  private final EpochRepository epochs;
  private final FleetPublisher publisher;
  private final Vertx vertx;
  private final Counter malformed;
  private final Map<String, HostConnector> running = new ConcurrentHashMap<>();
  private long timer = -1;
  private volatile boolean ticking;

  ConnectorSupervisor(
      FleetConnectorConfig config,
      ServiceConfig service,
      HostRepository hosts,
      HostLeases leases,
      EpochRepository epochs,
      FleetPublisher publisher,
      Vertx vertx,
      MeterRegistry registry) {
    this.config = config;
    this.service = service;
    this.hosts = hosts;
    this.leases = leases;
    this.epochs = epochs;
    this.publisher = publisher;
    this.vertx = vertx;
    this.malformed =
        Counter.builder("boocontrol_connector_malformed_events_total")
            .description("llama-swap events whose data could not be decoded (skipped)")
            .register(registry);
    registry.gauge("boocontrol_connector_owned_hosts", running, Map::size);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("fleet-connector: host connections disabled by configuration");
      return;
    }
    long every = Math.max(500, config.leaseTtl().toMillis() / 3);
    timer = vertx.setPeriodic(every, t -> tick());
    vertx.setTimer(1, t -> tick());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Set<String> owned = Set.copyOf(running.keySet());
    Uni.join()
        .all(running.values().stream().map(HostConnector::stop).toList())
        .andCollectFailures()
        .onFailure()
        .recoverWithNull()
        .chain(() -> leases.release(owned, LeaseRole.CONNECTOR, service.instanceId()))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  /** Hosts this replica reads now. */
  public Set<String> ownedHosts() {
    return Set.copyOf(running.keySet());
  }

  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    hosts
        .findAll()
        .chain(
            all -> {
              Map<String, HostSpec> connectable =
                  all.stream()
                      .filter(HostSpec::connectable)
                      .collect(Collectors.toMap(HostSpec::id, h -> h));
              return leases
                  .claimOrRenew(
                      connectable.keySet(),
                      LeaseRole.CONNECTOR,
                      service.instanceId(),
                      config.leaseTtl())
                  .chain(owned -> reconcile(owned, connectable));
            })
        .subscribe()
        .with(
            done -> ticking = false,
            failure -> {
              ticking = false;
              LOG.warnf("fleet-connector: lease round failed: %s", failure.getMessage());
            });
  }

  private Uni<Void> reconcile(Set<String> owned, Map<String, HostSpec> connectable) {
    Set<String> toStop = new HashSet<>(running.keySet());
    toStop.removeAll(owned);
    for (String id : toStop) {
      HostConnector c = running.remove(id);
      if (c != null) {
        LOG.infof("fleet-connector: no longer owns host %s", id);
        c.stop().subscribe().with(ok -> {}, f -> {});
      }
    }
    List<Uni<Void>> starts =
        owned.stream()
            .filter(id -> !running.containsKey(id) && connectable.containsKey(id))
            .map(id -> start(connectable.get(id)))
            .toList();
    if (starts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.join().all(starts).andCollectFailures().replaceWithVoid();
  }

  private Uni<Void> start(HostSpec host) {
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
                  new HostConnector(host.id(), client, publisher, config, vertx, malformed, resume);
              if (running.putIfAbsent(host.id(), connector) == null) {
                LOG.infof(
                    "fleet-connector: owns host %s (%s), resuming at epoch %s",
                    host.id(),
                    host.baseUrl(),
                    resume.map(r -> r.epoch() + " after id " + r.cursor()).orElse("1 (new host)"));
                connector.start();
              } else {
                connector.stop().subscribe().with(ok -> {}, f -> {});
              }
            })
        .replaceWithVoid();
  }

  Map<String, String> states() {
    Map<String, String> states = new HashMap<>();
    running.forEach((id, c) -> states.put(id, c.state().name().toLowerCase()));
    return states;
  }
}
