package dev.boocontrol.perfingest.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.CaptureEvents;
import dev.boocontrol.contracts.events.CaptureRecorded;
import dev.boocontrol.perfingest.repository.CaptureVaultRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Projects {@code fleet.captures} into the capture vault: one idempotent insert per record (a
 * replay changes nothing), acknowledged after the write; a write that fails goes to the dead-letter
 * topic (channel failure strategy). Other types are ignored; a record that is not an envelope is
 * counted and skipped.
 */
@ApplicationScoped
public class CaptureVaultSink {

  private static final Logger LOG = Logger.getLogger(CaptureVaultSink.class);

  private final CaptureVaultRepository repository;
  private final Counter written;
  private final Counter undecodable;

  CaptureVaultSink(CaptureVaultRepository repository, MeterRegistry registry) {
    this.repository = repository;
    this.written =
        Counter.builder("boocontrol_capture_vault_written_total")
            .description("captures written to the vault (duplicates included, ignored by key)")
            .register(registry);
    this.undecodable =
        Counter.builder("boocontrol_capture_vault_undecodable_total")
            .description("records on fleet.captures that were not event envelopes (skipped)")
            .register(registry);
  }

  @Incoming("fleet-captures-in")
  public Uni<Void> capture(EventEnvelope envelope) {
    if (envelope == null) {
      undecodable.increment();
      LOG.warn("fleet.captures: a record that is not an event envelope was skipped");
      return Uni.createFrom().voidItem();
    }
    return envelope
        .payload(CaptureEvents.CAPTURE_RECORDED)
        .map(this::write)
        .orElseGet(() -> Uni.createFrom().voidItem());
  }

  private Uni<Void> write(CaptureRecorded capture) {
    return repository.insert(capture).invoke(() -> written.increment());
  }
}
