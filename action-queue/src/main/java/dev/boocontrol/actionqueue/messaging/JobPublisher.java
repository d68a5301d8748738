package dev.boocontrol.actionqueue.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.platform.messaging.EnvelopePublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Job events out to {@code control.jobs}, keyed by job id. */
@Singleton
public class JobPublisher extends EnvelopePublisher {

  JobPublisher(@Channel("jobs-out") MutinyEmitter<EventEnvelope> emitter) {
    super(emitter);
  }
}
