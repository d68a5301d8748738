package dev.boocontrol.perfingest.service;

import dev.boocontrol.llamaswap.client.ClientOptions;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.perfingest.config.PerfIngestConfig;
import dev.boocontrol.perfingest.messaging.PerfPublisher;
import dev.boocontrol.perfingest.repository.PerfRepository;
import dev.boocontrol.platform.config.ServiceConfig;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.lease.HostLeases;
import dev.boocontrol.platform.lease.HostOwnership;
import dev.boocontrol.platform.lease.LeaseRole;
import dev.boocontrol.platform.registry.HostRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link HostPerfLoop} per host this replica owns (role perf-poller). */
@ApplicationScoped
public class PerfPoller implements HostOwnership.Worker {

  private final PerfIngestConfig config;
  private final PerfRepository repository;
  private final PerfPublisher publisher;
  private final Vertx vertx;
  private final HostOwnership ownership;
  private final Map<String, HostPerfLoop> loops = new ConcurrentHashMap<>();

  PerfPoller(
      PerfIngestConfig config,
      ServiceConfig service,
      HostRepository hosts,
      HostLeases leases,
      PerfRepository repository,
      PerfPublisher publisher,
      Vertx vertx) {
    this.config = config;
    this.repository = repository;
    this.publisher = publisher;
    this.vertx = vertx;
    this.ownership =
        new HostOwnership(
            vertx,
            hosts,
            leases,
            LeaseRole.PERF_POLLER,
            service.instanceId(),
            config.leaseTtl(),
            this);
  }

  void onStart(@Observes StartupEvent event) {
    ownership.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    ownership.stop().await().atMost(Duration.ofSeconds(5));
  }

  public Set<String> polledHosts() {
    return Set.copyOf(loops.keySet());
  }

  @Override
  public Uni<Void> acquired(HostSpec host) {
    LlamaSwapClient client =
        new LlamaSwapClient(
            vertx,
            new HostTarget(host.id(), host.baseUrl(), host.apiKey()),
            ClientOptions.defaults());
    HostPerfLoop loop =
        new HostPerfLoop(host.id(), client, repository, publisher, vertx, config.pollInterval());
    HostPerfLoop previous = loops.put(host.id(), loop);
    Uni<Void> stopPrevious = previous == null ? Uni.createFrom().voidItem() : previous.stop();
    return stopPrevious.chain(loop::start);
  }

  @Override
  public Uni<Void> released(String hostId) {
    HostPerfLoop loop = loops.remove(hostId);
    return loop == null ? Uni.createFrom().voidItem() : loop.stop();
  }
}
