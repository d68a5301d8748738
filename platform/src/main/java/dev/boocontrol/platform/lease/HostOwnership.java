package dev.boocontrol.platform.lease;

import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.registry.HostRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's share of the connectable hosts for one role: every third of the lease TTL it
 * claims free or expired hosts and renews its own, starts work for hosts it gains and stops work
 * for hosts it lost. A dead replica's hosts are taken within one TTL plus one round.
 */
public final class HostOwnership {

  private static final Logger LOG = Logger.getLogger(HostOwnership.class);

  /** What the service does with a host it owns. */
  public interface Worker {
    /** Begin work on a newly owned host. */
    Uni<Void> acquired(HostSpec host);

    /** Stop work on a host (lease lost, host disabled, or shutdown). */
    Uni<Void> released(String hostId);
  }

  private final Vertx vertx;
  private final HostRepository hosts;
  private final HostLeases leases;
  private final LeaseRole role;
  private final String holder;
  private final Duration ttl;
  private final Worker worker;
  private final Set<String> owned = ConcurrentHashMap.newKeySet();
  private long timer = -1;
  private volatile boolean round;

  public HostOwnership(
      Vertx vertx,
      HostRepository hosts,
      HostLeases leases,
      LeaseRole role,
      String holder,
      Duration ttl,
      Worker worker) {
    this.vertx = vertx;
    this.hosts = hosts;
    this.leases = leases;
    this.role = role;
    this.holder = holder;
    this.ttl = ttl;
    this.worker = worker;
  }

  public void start() {
    long every = Math.max(500, ttl.toMillis() / 3);
    timer = vertx.setPeriodic(every, t -> round());
    vertx.setTimer(1, t -> round());
  }

  /** Stops every worker and gives the leases back, so another replica need not wait for expiry. */
  public Uni<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Set<String> mine = Set.copyOf(owned);
    owned.clear();
    List<Uni<Void>> stops = mine.stream().map(worker::released).toList();
    Uni<Void> stopped =
        stops.isEmpty()
            ? Uni.createFrom().voidItem()
            : Uni.join()
                .all(stops)
                .andCollectFailures()
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    return stopped.chain(() -> leases.release(mine, role, holder));
  }

  public Set<String> owned() {
    return Set.copyOf(owned);
  }

  private void round() {
    if (round) {
      return;
    }
    round = true;
    hosts
        .findAll()
        .chain(
            all -> {
              Map<String, HostSpec> connectable =
                  all.stream()
                      .filter(HostSpec::connectable)
                      .collect(Collectors.toMap(HostSpec::id, h -> h));
              return leases
                  .claimOrRenew(connectable.keySet(), role, holder, ttl)
                  .chain(claimed -> reconcile(claimed, connectable));
            })
        .subscribe()
        .with(
            done -> round = false,
            failure -> {
              round = false;
              LOG.warnf("%s lease round failed: %s", role.wireName(), failure.getMessage());
            });
  }

  private Uni<Void> reconcile(Set<String> claimed, Map<String, HostSpec> connectable) {
    Set<String> lost = new HashSet<>(owned);
    lost.removeAll(claimed);
    for (String id : lost) {
      owned.remove(id);
      LOG.infof("%s: no longer owns host %s", role.wireName(), id);
      worker.released(id).subscribe().with(ok -> {}, f -> {});
    }
    List<Uni<Void>> starts =
        claimed.stream()
            .filter(id -> !owned.contains(id) && connectable.containsKey(id))
            .map(
                id -> {
                  owned.add(id);
                  LOG.infof("%s: owns host %s", role.wireName(), id);
                  return worker
                      .acquired(connectable.get(id))
                      .onFailure()
                      .invoke(f -> owned.remove(id)); // retried next round
                })
            .toList();
    if (starts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.join()
        .all(starts)
        .andCollectFailures()
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
