package dev.boocontrol.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.kafka.EnvelopeDeserializer;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureEventsTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");

  @Test
  void capturesTravelOnTheirOwnTopicUnderANameNoFleetTypeUses() {
    assertThat(CaptureEvents.CAPTURE_RECORDED.topic()).isEqualTo("fleet.captures");
    assertThat(Topics.ALL).contains(Topics.FLEET_CAPTURES);
    assertThat(FleetEvents.ALL.stream().map(EventType::name))
        .doesNotContain(CaptureEvents.CAPTURE_RECORDED.name());
  }

  @Test
  void aCaptureSurvivesTheWire() {
    CaptureRecorded capture =
        new CaptureRecorded(
            "gpu-1",
            2,
            42,
            AT,
            "/v1/chat/completions",
            Map.of("Authorization", "[redacted]", "Content-Type", "application/json"),
            "e30=",
            Map.of("Content-Type", "text/event-stream"),
            null,
            2);
    EventEnvelope out = EventEnvelope.of(CaptureEvents.CAPTURE_RECORDED, "gpu-1", AT, capture);
    byte[] bytes = new EnvelopeSerializer().serialize(Topics.FLEET_CAPTURES, out);
    EventEnvelope in = new EnvelopeDeserializer().deserialize(Topics.FLEET_CAPTURES, bytes);
    assertThat(in.payload(CaptureEvents.CAPTURE_RECORDED)).contains(capture);
    assertThat(in.payload(FleetEvents.ACTIVITY_RECORDED)).isEmpty();
  }
}
