package dev.boocontrol.cockpit.live;

import dev.boocontrol.cockpit.core.NewestPerKey;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.FleetEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds {@link LiveFleet}: PostgreSQL seeds it at start, then the fleet topics and {@code
 * control.jobs}, read by a consumer group of this replica alone from the latest offset (two
 * replicas each see the whole fleet). The liveness topic is also replayed from the start once,
 * since PostgreSQL does not keep liveness nor {@code host.info} (version, TTLs), for the registry's
 * hosts only; a replayed state never overwrites a newer one.
 */
@ApplicationScoped
public class FleetFeed {

  private static final Logger LOG = Logger.getLogger(FleetFeed.class);

  private final LiveFleet fleet;
  private final FleetSeedRepository seeds;
  private final NewestPerKey livenessAt = new NewestPerKey();
  private final NewestPerKey hostInfoAt = new NewestPerKey();
  private final Counter undecodable;

  FleetFeed(LiveFleet fleet, FleetSeedRepository seeds, MeterRegistry registry) {
    this.fleet = fleet;
    this.seeds = seeds;
    this.undecodable =
        Counter.builder("boocontrol_cockpit_undecodable_total")
            .description("records on the fleet topics that were not event envelopes (skipped)")
            .register(registry);
  }

  void seed(@Observes StartupEvent start) {
    seeds
        .load()
        .subscribe()
        .with(
            list -> {
              fleet.seed(list);
              LOG.infof("live fleet seeded with %d hosts from PostgreSQL", list.size());
            },
            failure -> LOG.errorf("could not seed the live fleet: %s", failure.getMessage()));
  }

  @Incoming("cockpit-fleet")
  public void live(EventEnvelope envelope) {
    if (envelope == null) {
      undecodable.increment();
      return;
    }
    if (envelope.is(FleetEvents.HOST_LIVENESS) && !newerLiveness(envelope)) {
      return;
    }
    if (envelope.is(FleetEvents.HOST_INFO) && !newerHostInfo(envelope)) {
      return;
    }
    fleet.apply(envelope);
  }

  /**
   * Control actions' progress ({@code control.jobs}, keyed by job id; the payload names the host).
   */
  @Incoming("cockpit-jobs")
  public void job(EventEnvelope envelope) {
    if (envelope == null) {
      undecodable.increment();
      return;
    }
    fleet.apply(envelope);
  }

  /**
   * Old liveness is only the last known state of hosts in the registry: a host removed since (or a
   * test host of long ago) must not come back as a card.
   */
  @Incoming("cockpit-liveness-replay")
  public void replayed(EventEnvelope envelope) {
    if (envelope == null || fleet.host(envelope.key()).isEmpty()) {
      return;
    }
    // Liveness and host info (version, TTLs) are not in PostgreSQL: the topic is their memory.
    if ((envelope.is(FleetEvents.HOST_LIVENESS) && newerLiveness(envelope))
        || (envelope.is(FleetEvents.HOST_INFO) && newerHostInfo(envelope))) {
      fleet.apply(envelope);
    }
  }

  private boolean newerLiveness(EventEnvelope envelope) {
    return livenessAt.advance(envelope.key(), envelope.occurredAt());
  }

  private boolean newerHostInfo(EventEnvelope envelope) {
    return hostInfoAt.advance(envelope.key(), envelope.occurredAt());
  }
}
