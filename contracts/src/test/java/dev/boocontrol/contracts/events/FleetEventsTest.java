package dev.boocontrol.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.kafka.EnvelopeDeserializer;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetEventsTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14Z");

  @Test
  void namesAreUniqueAndEveryTypeTravelsOnAFleetTopic() {
    assertThat(FleetEvents.ALL.stream().map(EventType::name)).doesNotHaveDuplicates();
    assertThat(FleetEvents.ALL).allSatisfy(t -> assertThat(Topics.ALL).contains(t.topic()));
  }

  @Test
  void hostInfoTravelsWithTheLivenessOfItsHost() {
    assertThat(FleetEvents.HOST_INFO.name()).isEqualTo("host.info");
    assertThat(FleetEvents.HOST_INFO.topic()).isEqualTo(Topics.FLEET_LIVENESS);
    assertThat(new HostInfo("h", null, null, null, AT).models()).isEmpty();
    EventEnvelope info =
        EventEnvelope.of(FleetEvents.HOST_INFO, "h", AT, new HostInfo("h", "v1", "c", null, AT));
    // Consumers of the topic that only know liveness see nothing of it.
    assertThat(info.payload(FleetEvents.HOST_LIVENESS)).isEmpty();
  }

  @Test
  void everyPayloadSurvivesTheWire() {
    List<Object[]> samples =
        List.of(
            new Object[] {
              FleetEvents.ACTIVITY_RECORDED,
              new ActivityRecorded(
                  "gpu-1",
                  2,
                  AT,
                  42,
                  AT,
                  "qwen3-30b",
                  "/v1/chat/completions",
                  "text/event-stream",
                  200,
                  412,
                  12,
                  1024,
                  -1,
                  -1,
                  1058.54,
                  44.7,
                  16646,
                  true,
                  null,
                  Map.of("fifo_priority", "0"),
                  "open-webui",
                  "capture")
            },
            new Object[] {FleetEvents.EPOCH_STARTED, new EpochStarted("gpu-1", 2, AT, "restart")},
            new Object[] {
              FleetEvents.INFLIGHT_CHANGED,
              new InflightChanged(
                  "gpu-1",
                  "snapshot",
                  List.of(
                      new InflightChanged.InflightRequest(
                          "7",
                          AT,
                          "qwen3-30b",
                          "/v1/chat/completions",
                          "POST",
                          0,
                          11238,
                          "direct")),
                  null)
            },
            new Object[] {
              FleetEvents.HOST_INFO,
              new HostInfo(
                  "gpu-1",
                  "v250-5-g0bdb37+",
                  "60226b6",
                  List.of(
                      new HostInfo.ModelTtl("qwen3-30b", 300), new HostInfo.ModelTtl("old", null)),
                  AT)
            },
            new Object[] {FleetEvents.HOST_INFO, new HostInfo("gpu-1", null, null, null, AT)},
            new Object[] {
              FleetEvents.GAP_SUSPECTED, new GapSuspected("gpu-1", 1, 5, 9, "pruned", AT)
            },
            new Object[] {
              FleetEvents.PERF_SAMPLED,
              new PerfSampled(
                  "gpu-1",
                  "ok",
                  List.of(new PerfSampled.Gpu(0, AT, "RTX 3090", 46, 2, 1321, 24576, 33.41)),
                  List.of(new PerfSampled.System(AT, 2.5, 21881, 64215, 0.38)))
            },
            new Object[] {
              FleetEvents.LOG_LINES, new LogLines("gpu-1", "proxy", "[INFO] hi\n", true)
            });
    EnvelopeSerializer out = new EnvelopeSerializer();
    EnvelopeDeserializer in = new EnvelopeDeserializer();
    for (Object[] sample : samples) {
      @SuppressWarnings("unchecked")
      EventType<Object> type = (EventType<Object>) sample[0];
      EventEnvelope sent = EventEnvelope.of(type, "gpu-1", AT, sample[1]);
      EventEnvelope received = in.deserialize(type.topic(), out.serialize(type.topic(), sent));
      assertThat(received.payload(type)).as(type.name()).contains(sample[1]);
    }
  }
}
