package dev.boocontrol.actionqueue.messaging;

import dev.boocontrol.actionqueue.config.ActionQueueConfig;
import dev.boocontrol.actionqueue.core.HostActivity;
import dev.boocontrol.actionqueue.core.Liveness;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.InflightChanged;
import dev.boocontrol.contracts.events.LivenessState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What action-queue knows of the fleet, from Kafka: the newest liveness of every host and each
 * host's recent foreign activity and in-flight requests. Both topics are read by consumer groups of
 * this replica alone from the earliest offset, nothing committed, so every start rebuilds the state
 * (old activity falls out of the courtesy window at once). Types it does not handle are ignored.
 */
@ApplicationScoped
public class FleetWatch {

  /** Finished foreign requests kept per host: enough to describe who uses it. */
  private static final int KEPT_PER_HOST = 50;

  private final ActionQueueConfig config;
  private final Map<String, Liveness> liveness = new ConcurrentHashMap<>();
  private final Map<String, HostActivity> activity = new ConcurrentHashMap<>();
  private final Counter undecodable;

  FleetWatch(ActionQueueConfig config, MeterRegistry registry) {
    this.config = config;
    this.undecodable =
        Counter.builder("boocontrol_action_queue_undecodable_total")
            .description(
                "records on fleet.liveness/fleet.activity that were not envelopes (skipped)")
            .register(registry);
  }

  @Incoming("aq-liveness")
  public void liveness(EventEnvelope envelope) {
    if (envelope == null) {
      undecodable.increment();
      return;
    }
    Optional<HostLiveness> event;
    try {
      event = envelope.payload(FleetEvents.HOST_LIVENESS);
    } catch (IllegalArgumentException e) {
      undecodable.increment();
      return;
    }
    if (event.isEmpty()) {
      return;
    }
    HostLiveness l = event.get();
    Liveness next = new Liveness(l.state(), l.reason(), envelope.occurredAt());
    Liveness kept =
        liveness.merge(envelope.key(), next, (old, now) -> now.at().isBefore(old.at()) ? old : now);
    if (kept == next && l.state() == LivenessState.DOWN) {
      host(envelope.key()).clearInflight();
    }
  }

  @Incoming("aq-activity")
  public void activity(EventEnvelope envelope) {
    if (envelope == null) {
      undecodable.increment();
      return;
    }
    try {
      if (envelope.is(FleetEvents.ACTIVITY_RECORDED)) {
        ActivityRecorded row = envelope.payload(FleetEvents.ACTIVITY_RECORDED).orElseThrow();
        host(envelope.key()).finished(row, Instant.now());
      } else if (envelope.is(FleetEvents.INFLIGHT_CHANGED)) {
        InflightChanged change = envelope.payload(FleetEvents.INFLIGHT_CHANGED).orElseThrow();
        host(envelope.key()).inflight(change);
      }
    } catch (IllegalArgumentException e) {
      undecodable.increment(); // a payload of a known type that does not decode
    }
  }

  /** The newest known liveness of a host; empty when no connector ever reported it. */
  public Optional<Liveness> liveness(String hostId) {
    return Optional.ofNullable(liveness.get(hostId));
  }

  public HostActivity host(String hostId) {
    return activity.computeIfAbsent(
        hostId, h -> new HostActivity(config.courtesyWindow(), KEPT_PER_HOST));
  }
}
