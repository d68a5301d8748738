package dev.boocontrol.fleetconnector.messaging;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.platform.messaging.EnvelopePublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** The connector's fleet events, out to Kafka. */
@Singleton
public class FleetPublisher extends EnvelopePublisher {

  // Bursts (a reconnect replays hundreds of rows) queue here rather than fail; the host's socket
  // is never paused either way (the client buffers and drops locally).
  FleetPublisher(
      @Channel("fleet-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
          MutinyEmitter<EventEnvelope> emitter) {
    super(emitter);
  }
}
