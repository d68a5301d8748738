package dev.boocontrol.perfingest.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.perfingest.core.ActivityBatch;
import dev.boocontrol.perfingest.repository.TelemetryRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Projects the fleet topics into PostgreSQL. A message (or a poll of activity) is acknowledged only
 * after its rows are written (at-least-once; the throttled commit strategy commits acknowledged
 * offsets). A write that fails goes to {@code fleet.dead-letter} with the reason and the consumer
 * moves on; a record that is not an envelope is counted, logged and skipped. Types this sink does
 * not store are ignored.
 */
@ApplicationScoped
public class TelemetrySink {

  private static final Logger LOG = Logger.getLogger(TelemetrySink.class);

  private final TelemetryRepository repository;
  private final Counter written;
  private final Counter undecodable;
  private final Counter deadLettered;
  private final DeadLetters deadLetters;

  TelemetrySink(TelemetryRepository repository, DeadLetters deadLetters, MeterRegistry registry) {
    this.repository = repository;
    this.deadLetters = deadLetters;
    this.deadLettered =
        Counter.builder("boocontrol_sink_dead_lettered_total")
            .description("fleet.activity records that could not be written (sent to dead-letter)")
            .register(registry);
    this.written =
        Counter.builder("boocontrol_sink_rows_written_total")
            .description("fleet events written to PostgreSQL (duplicates included, ignored by key)")
            .register(registry);
    this.undecodable =
        Counter.builder("boocontrol_sink_undecodable_total")
            .description("records on the fleet topics that were not event envelopes (skipped)")
            .register(registry);
  }

  /**
   * Activity arrives in polls of up to {@code max.poll.records}: one transaction per poll keeps up
   * with thousands of rows a second. When the poll cannot be written as a whole, its records are
   * written one by one so only the bad one is dead-lettered. The poll is acknowledged (its offsets
   * committed) only after that.
   */
  @Incoming("fleet-activity-in")
  public Uni<Void> activity(List<EventEnvelope> records) {
    ActivityBatch batch = ActivityBatch.of(records);
    for (int i = 0; i < batch.undecodable(); i++) {
      skipped(Topics.FLEET_ACTIVITY);
    }
    Uni<Void> rejected = Uni.createFrom().voidItem();
    for (ActivityBatch.Rejected r : batch.rejected()) {
      rejected = rejected.chain(() -> park(r.envelope(), r.reason()));
    }
    return rejected.chain(
        () ->
            repository
                .batch(batch)
                .invoke(() -> written.increment(batch.epochs().size() + batch.rows().size()))
                .onFailure()
                .recoverWithUni(
                    failure -> {
                      LOG.warnf(
                          "fleet.activity: a poll of %d records could not be written as a whole"
                              + " (%s); writing them one by one",
                          records.size(), failure.getMessage());
                      return oneByOne(records);
                    }));
  }

  private Uni<Void> oneByOne(List<EventEnvelope> records) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (EventEnvelope envelope : records) {
      if (envelope == null) {
        continue; // already counted
      }
      chain =
          chain.chain(
              () ->
                  counted(writeOne(envelope))
                      .onFailure()
                      .recoverWithUni(failure -> park(envelope, failure.getMessage())));
    }
    return chain;
  }

  private Uni<Void> writeOne(EventEnvelope envelope) {
    if (envelope.is(FleetEvents.ACTIVITY_RECORDED)) {
      return repository.activity(envelope.payload(FleetEvents.ACTIVITY_RECORDED).orElseThrow());
    }
    if (envelope.is(FleetEvents.EPOCH_STARTED)) {
      return repository.epochStarted(envelope.payload(FleetEvents.EPOCH_STARTED).orElseThrow());
    }
    return Uni.createFrom().voidItem(); // inflight updates are live-only
  }

  private Uni<Void> park(EventEnvelope envelope, String reason) {
    deadLettered.increment();
    LOG.warnf(
        "fleet.activity: %s for host %s dead-lettered: %s",
        envelope.type(), envelope.key(), reason);
    return deadLetters.park(Topics.FLEET_ACTIVITY, envelope, String.valueOf(reason));
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
