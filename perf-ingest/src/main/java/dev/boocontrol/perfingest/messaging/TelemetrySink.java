package dev.boocontrol.perfingest.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.perfingest.repository.TelemetryRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Projects the fleet topics into PostgreSQL. A message is acknowledged only after its row is
 * written (at-least-once; the commit strategy commits acknowledged offsets). A write that fails
 * goes to {@code fleet.dead-letter} with the reason and the consumer moves on; a record that is not
 * an envelope is counted, logged and skipped. Types this sink does not store are ignored.
 */
@ApplicationScoped
public class TelemetrySink {

  private static final Logger LOG = Logger.getLogger(TelemetrySink.class);

  private final TelemetryRepository repository;
  private final Counter written;
  private final Counter undecodable;

  TelemetrySink(TelemetryRepository repository, MeterRegistry registry) {
    this.repository = repository;
    this.written =
        Counter.builder("boocontrol_sink_rows_written_total")
            .description("fleet events written to PostgreSQL (duplicates included, ignored by key)")
            .register(registry);
    this.undecodable =
        Counter.builder("boocontrol_sink_undecodable_total")
            .description("records on the fleet topics that were not event envelopes (skipped)")
            .register(registry);
  }

  @Incoming("fleet-activity-in")
  public Uni<Void> activity(EventEnvelope envelope) {
    if (envelope == null) {
      return skipped("fleet.activity");
    }
    if (envelope.is(FleetEvents.ACTIVITY_RECORDED)) {
      return counted(repository.activity(envelope.payload(FleetEvents.ACTIVITY_RECORDED).get()));
    }
    if (envelope.is(FleetEvents.EPOCH_STARTED)) {
      return counted(repository.epochStarted(envelope.payload(FleetEvents.EPOCH_STARTED).get()));
    }
    return Uni.createFrom().voidItem(); // inflight updates are live-only
  }

  @Incoming("fleet-models-in")
  public Uni<Void> models(EventEnvelope envelope) {
    if (envelope == null) {
      return skipped("fleet.models");
    }
    return envelope
        .payload(FleetEvents.MODEL_TRANSITION)
        .map(t -> counted(repository.modelTransition(t)))
        .orElseGet(() -> Uni.createFrom().voidItem());
  }

  @Incoming("fleet-liveness-in")
  public Uni<Void> liveness(EventEnvelope envelope) {
    if (envelope == null) {
      return skipped("fleet.liveness");
    }
    return envelope
        .payload(FleetEvents.GAP_SUSPECTED)
        .map(g -> counted(repository.gap(g)))
        .orElseGet(() -> Uni.createFrom().voidItem());
  }

  private Uni<Void> counted(Uni<Void> write) {
    return write.invoke(() -> written.increment());
  }

  private Uni<Void> skipped(String topic) {
    undecodable.increment();
    LOG.warnf("%s: a record that is not an event envelope was skipped", topic);
    return Uni.createFrom().voidItem();
  }
}
