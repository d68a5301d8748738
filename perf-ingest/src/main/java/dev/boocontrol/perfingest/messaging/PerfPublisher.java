package dev.boocontrol.perfingest.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.platform.messaging.EnvelopePublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Perf samples out to {@code fleet.perf}, keyed by host id. */
@Singleton
public class PerfPublisher extends EnvelopePublisher {

  PerfPublisher(
      @Channel("fleet-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2_000)
          MutinyEmitter<EventEnvelope> emitter) {
    super(emitter);
  }
}
