package dev.boocontrol.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.ModelTransition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EnvelopeSerdeTest {

  private final EnvelopeSerializer serializer = new EnvelopeSerializer();
  private final EnvelopeDeserializer deserializer = new EnvelopeDeserializer();
  private final Instant at = Instant.parse("2026-08-22T16:30:14.123456789Z");

  @Test
  void roundTripKeepsTypeKeyTimeAndPayload() {
    HostLiveness liveness =
        new HostLiveness("gpu-1", LivenessState.RECONNECTING, at, "stream closed");
    EventEnvelope sent = EventEnvelope.of(FleetEvents.HOST_LIVENESS, "gpu-1", at, liveness);

    byte[] bytes = serializer.serialize("fleet.liveness", sent);
    EventEnvelope received = deserializer.deserialize("fleet.liveness", bytes);

    assertThat(received).isEqualTo(sent);
    assertThat(received.payload(FleetEvents.HOST_LIVENESS)).contains(liveness);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"type\":\"host.liveness\"")
        .contains("\"occurredAt\":\"2026-08-22T16:30:14.123456789Z\"")
        .contains("\"state\":\"RECONNECTING\"");
  }

  @Test
  void payloadOfAnotherTypeIsEmptyNotAnError() {
    EventEnvelope transition =
        EventEnvelope.of(
            FleetEvents.MODEL_TRANSITION,
            "gpu-1",
            at,
            new ModelTransition("gpu-1", "qwen3-30b", "stopped", "ready", at, false));
    assertThat(transition.payload(FleetEvents.HOST_LIVENESS)).isEmpty();
    assertThat(transition.is(FleetEvents.MODEL_TRANSITION)).isTrue();
  }

  @Test
  void unknownTypesAndFieldsFromNewerProducersAreTolerated() {
    String json =
        "{\"type\":\"model.transition\",\"key\":\"h\",\"occurredAt\":\"2026-08-22T16:30:14Z\","
            + "\"schemaHint\":7,\"payload\":{\"hostId\":\"h\",\"modelId\":\"m\",\"fromState\":null,"
            + "\"toState\":\"starting\",\"observedAt\":\"2026-08-22T16:30:14Z\",\"swap\":true,"
            + "\"addedLater\":[1,2]}}";
    EventEnvelope envelope =
        deserializer.deserialize("fleet.models", json.getBytes(StandardCharsets.UTF_8));
    ModelTransition t = envelope.payload(FleetEvents.MODEL_TRANSITION).orElseThrow();
    assertThat(t.toState()).isEqualTo("starting");
    assertThat(t.fromState()).isNull();
    assertThat(t.swap()).isTrue();

    EventEnvelope future =
        deserializer.deserialize(
            "fleet.models",
            "{\"type\":\"model.future\",\"key\":\"h\",\"occurredAt\":\"2026-08-22T16:30:14Z\",\"payload\":{}}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(future.payload(FleetEvents.MODEL_TRANSITION)).isEmpty();
  }

  @Test
  void garbageFailsWithTopicAndExcerpt() {
    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    "fleet.models", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("fleet.models")
        .hasMessageContaining("not json");
    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    "fleet.models", "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void nullsStayNull() {
    assertThat(serializer.serialize("t", null)).isNull();
    assertThat(deserializer.deserialize("t", null)).isNull();
  }
}
