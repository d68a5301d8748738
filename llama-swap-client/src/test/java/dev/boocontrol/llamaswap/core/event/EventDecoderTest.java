package dev.boocontrol.llamaswap.core.event;

import static dev.boocontrol.llamaswap.core.SampleParser.CONFIG_MODEL_IDS;
import static dev.boocontrol.llamaswap.core.SampleParser.EVENT_DATA;
import static dev.boocontrol.llamaswap.core.SampleParser.envelope;
import static dev.boocontrol.llamaswap.core.SampleParser.eventStream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.llamaswap.core.Excerpts;
import dev.boocontrol.llamaswap.core.Samples;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.ActivityEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.InflightEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.LegacyMetricsEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.LogDataEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.ModelStatusEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.ProfileChangedEvent;
import dev.boocontrol.llamaswap.core.event.LlamaSwapEvent.UiConfigEvent;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.ActivityTokens;
import dev.boocontrol.llamaswap.core.model.InflightEntry;
import dev.boocontrol.llamaswap.core.model.InflightUpdate;
import dev.boocontrol.llamaswap.core.model.ModelState;
import dev.boocontrol.llamaswap.core.model.ModelStatus;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private static <T> T data(String sample, Class<T> type) {
    return type.cast(EVENT_DATA.parse(sample));
  }

  private static List<String> types(List<DecodedEvent> events) {
    return events.stream().map(e -> ((LlamaSwapEvent) e).type()).toList();
  }

  @Test
  void initialBurstInOrder() {
    List<DecodedEvent> events = eventStream(Samples.bytes("sse/api-events.initial.sse.txt"));
    assertThat(types(events))
        .containsExactly(
            "logData", "logData", "modelStatus", "uiConfig", "profileChanged", "inflight");

    LogDataEvent proxy = (LogDataEvent) events.get(0);
    assertThat(proxy.log().isProxy()).isTrue();
    // Escaped twice on the wire: \\u003c and a UTF-8 µ must both come out right.
    assertThat(proxy.log().data())
        .contains("[INFO] <nomic-embed> Health check passed")
        .contains("187.204µs")
        .contains("\"POST /v1/embeddings HTTP/1.1\"");
    assertThat(((LogDataEvent) events.get(1)).log().isUpstream()).isTrue();

    List<ModelStatus> models = ((ModelStatusEvent) events.get(2)).models();
    assertThat(models)
        .extracting(ModelStatus::id)
        .containsExactly("gemma3-12b", "nomic-embed", "qwen3-30b", "strix/gpt-oss-120b");
    assertThat(models)
        .extracting(ModelStatus::state)
        .containsExactly(ModelState.STOPPED, ModelState.READY, ModelState.STOPPED, ModelState.PEER);
    assertThat(((UiConfigEvent) events.get(3)).config().sessionIdHeaders())
        .containsExactly("X-Session-ID", "X-Litellm-Session-Id");
    assertThat(((ProfileChangedEvent) events.get(4)).profile().activeProfile()).isEmpty();
    InflightUpdate snapshot = ((InflightEvent) events.get(5)).update();
    assertThat(snapshot).isEqualTo(new InflightUpdate.Snapshot(List.of(), false));
  }

  @Test
  void requestLifecycle() {
    List<DecodedEvent> events =
        eventStream(Samples.bytes("sse/api-events.request-lifecycle.sse.txt"));
    assertThat(types(events))
        .containsExactly(
            "inflight",
            "modelStatus",
            "logData",
            "logData",
            "logData",
            "modelStatus",
            "inflight",
            "inflight",
            "inflight",
            "logData",
            "activity",
            "inflight",
            "logData");
    InflightUpdate.Upsert first = (InflightUpdate.Upsert) ((InflightEvent) events.get(0)).update();
    assertThat(first.request().id()).isEqualTo("7");
    assertThat(first.request().hasResponseHeaders()).isFalse();
    InflightUpdate.Upsert last = (InflightUpdate.Upsert) ((InflightEvent) events.get(8)).update();
    assertThat(last.request().respBytes()).isEqualTo(3966);
    assertThat(last.request().elapsedMs()).isEqualTo(11740);
    assertThat(((ModelStatusEvent) events.get(1)).models().get(2).state())
        .isEqualTo(ModelState.STARTING);
    assertThat(((ModelStatusEvent) events.get(5)).models().get(2).state())
        .isEqualTo(ModelState.READY);
    assertThat(((ActivityEvent) events.get(10)).notice().id()).isEqualTo(42);
    assertThat(((InflightEvent) events.get(11)).update()).isEqualTo(new InflightUpdate.Remove("7"));
    assertThat(((LogDataEvent) events.get(12)).log().data())
        .contains("200 3980")
        .contains("16.648912307s");
  }

  @Test
  void ttlUnloadAndProfileSwitch() {
    List<DecodedEvent> ttl = eventStream(Samples.bytes("sse/api-events.ttl-unload.sse.txt"));
    assertThat(types(ttl)).containsExactly("logData", "modelStatus", "modelStatus");
    assertThat(((LogDataEvent) ttl.get(0)).log().data())
        .contains("<qwen3-30b> Unloading model, TTL of 300s reached");
    assertThat(((ModelStatusEvent) ttl.get(1)).models().get(2).state())
        .isEqualTo(ModelState.STOPPING);
    assertThat(((ModelStatusEvent) ttl.get(2)).models().get(2).state())
        .isEqualTo(ModelState.STOPPED);

    List<DecodedEvent> profile =
        eventStream(Samples.bytes("sse/api-events.profile-switch.sse.txt"));
    assertThat(types(profile)).containsExactly("profileChanged", "modelStatus");
    assertThat(((ProfileChangedEvent) profile.get(0)).profile().active()).isEqualTo("coding");
  }

  @Test
  void randomChunkSplitsGiveTheSameEventsAsWholeFiles() {
    Random random = new Random(20260822);
    for (String file :
        List.of(
            "sse/api-events.initial.sse.txt",
            "sse/api-events.request-lifecycle.sse.txt",
            "sse/api-events.ttl-unload.sse.txt",
            "sse/api-events.profile-switch.sse.txt")) {
      byte[] bytes = Samples.bytes(file);
      List<DecodedEvent> whole = eventStream(bytes);
      for (int round = 0; round < 40; round++) {
        int maxChunk = 1 + random.nextInt(round < 20 ? 8 : 400);
        assertThat(SplitFeeder.decode(bytes, random, maxChunk))
            .as("%s round %d", file, round)
            .isEqualTo(whole);
      }
      byte[] crlf =
          new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
              .replace("\n", "\r\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(SplitFeeder.decode(crlf, random, 3)).as("%s with CRLF", file).isEqualTo(whole);
    }
  }

  @Test
  void modelStatusData() {
    ModelStatusEvent event = data("events-data/modelStatus.json", ModelStatusEvent.class);
    ModelStatus gemma = event.models().get(0);
    assertThat(gemma.name()).isEqualTo("Gemma 3 12B");
    assertThat(gemma.capabilities()).containsEntry("vision", true);
    assertThat(gemma.aliases()).isEmpty();
    assertThat(gemma.contextLength()).isNull();
    ModelStatus nomic = event.models().get(1);
    assertThat(nomic.unlisted()).isTrue();
    ModelStatus qwen = event.models().get(2);
    assertThat(qwen.state()).isEqualTo(ModelState.READY);
    assertThat(qwen.aliases()).containsExactly("qwen");
    assertThat(qwen.contextLength()).isEqualTo(32768);
    assertThat(qwen.description()).isEqualTo("general chat, Q4_K_M");
    ModelStatus peer = event.models().get(3);
    assertThat(peer.state()).isEqualTo(ModelState.PEER);
    assertThat(peer.peerId()).isEqualTo("strix");
    assertThat(peer.isPeer()).isTrue();
    assertThat(qwen.isPeer()).isFalse();
  }

  @Test
  void legacyModelStatusBeforeCapabilitiesAndQualifiedPeerIds() {
    ModelStatusEvent event =
        data("legacy/api-events.modelStatus.v217.data.json", ModelStatusEvent.class);
    assertThat(event.models()).extracting(ModelStatus::id).contains("gpt-oss-120b");
    assertThat(event.models()).allSatisfy(m -> assertThat(m.capabilities()).isEmpty());
    assertThat(event.models().get(3).state()).isEqualTo(ModelState.PEER);
    assertThat(event.models().get(2).aliases()).containsExactly("qwen");
  }

  @Test
  void configSampleDefinesTheLocalModelsOfModelStatus() {
    @SuppressWarnings("unchecked")
    List<String> configured = (List<String>) CONFIG_MODEL_IDS.parse("config.sample.yaml");
    ModelStatusEvent event = data("events-data/modelStatus.json", ModelStatusEvent.class);
    List<String> local =
        event.models().stream().filter(m -> !m.isPeer()).map(ModelStatus::id).toList();
    assertThat(configured).containsExactlyInAnyOrderElementsOf(local);
  }

  @Test
  void logDataData() {
    assertThat(data("events-data/logData.proxy.json", LogDataEvent.class).log().data())
        .isEqualTo("[INFO] <qwen3-30b> Health check passed on http://localhost:5802/health\n");
    LogDataEvent upstream = data("events-data/logData.upstream.json", LogDataEvent.class);
    assertThat(upstream.log().source()).isEqualTo("upstream");
    assertThat(upstream.log().data().lines()).hasSize(5);
    LogDataEvent marker = data("events-data/logData.dropped-marker.json", LogDataEvent.class);
    assertThat(marker.log().isDroppedBytesMarker()).isTrue();
    assertThat(marker.log().data()).isEqualTo("\n— 18432 bytes dropped —\n");
    assertThat(upstream.log().isDroppedBytesMarker()).isFalse();
  }

  @Test
  void activityUiConfigAndProfileData() {
    assertThat(data("events-data/activity.json", ActivityEvent.class).notice().id()).isEqualTo(42);
    assertThat(data("events-data/uiConfig.json", UiConfigEvent.class).config().sessionIdHeaders())
        .containsExactly("X-Session-ID", "X-Litellm-Session-Id");
    assertThat(
            data("events-data/profileChanged.none.json", ProfileChangedEvent.class)
                .profile()
                .active())
        .isNull();
    assertThat(
            data("events-data/profileChanged.active.json", ProfileChangedEvent.class)
                .profile()
                .active())
        .isEqualTo("coding");
  }

  @Test
  void inflightOperations() {
    InflightUpdate empty =
        data("events-data/inflight.snapshot-empty.json", InflightEvent.class).update();
    assertThat(empty).isInstanceOf(InflightUpdate.Snapshot.class);
    assertThat(((InflightUpdate.Snapshot) empty).requests()).isEmpty();

    InflightUpdate.Snapshot snapshot =
        (InflightUpdate.Snapshot)
            data("events-data/inflight.snapshot.json", InflightEvent.class).update();
    assertThat(snapshot.legacyList()).isFalse();
    InflightEntry entry = snapshot.requests().get(0);
    assertThat(entry.id()).isEqualTo("7");
    assertThat(entry.timestamp().getNano()).isEqualTo(204117733);
    assertThat(entry.model()).isEqualTo("qwen3-30b");
    assertThat(entry.reqPath()).isEqualTo("/v1/chat/completions");
    assertThat(entry.method()).isEqualTo("POST");
    assertThat(entry.reqHeaders())
        .containsEntry("Authorization", "[REDACTED]")
        .containsEntry("X-Session-Id", "sess-4f2a");
    assertThat(entry.remoteIp()).isEqualTo("10.0.0.31");
    assertThat(entry.respHeaders()).isEmpty();
    assertThat(entry.elapsedMs()).isEqualTo(4102);
    assertThat(entry.metadata()).isEmpty();

    InflightUpdate.Upsert upsert =
        (InflightUpdate.Upsert)
            data("events-data/inflight.upsert.json", InflightEvent.class).update();
    assertThat(upsert.request().respHeaders()).containsEntry("Server", "llama.cpp");
    assertThat(upsert.request().elapsedMs()).isEqualTo(11238);

    assertThat(data("events-data/inflight.remove.json", InflightEvent.class).update())
        .isEqualTo(new InflightUpdate.Remove("7"));
  }

  @Test
  void legacyInflightForms() {
    assertThat(data("legacy/api-events.inflight.v192-v234.data.json", InflightEvent.class).update())
        .isEqualTo(new InflightUpdate.Total(1));
    InflightUpdate.Snapshot list =
        (InflightUpdate.Snapshot)
            data("legacy/api-events.inflight.v235-v239.data.json", InflightEvent.class).update();
    assertThat(list.legacyList()).isTrue();
    assertThat(list.requests())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo("7");
              assertThat(e.method()).isEqualTo("POST");
              assertThat(e.reqHeaders()).isEmpty();
              assertThat(e.respBytes()).isZero();
            });
    assertThat(
            data("legacy/api-events.inflight.v235-v239.empty.data.json", InflightEvent.class)
                .update())
        .isEqualTo(new InflightUpdate.Snapshot(List.of(), true));
  }

  @Test
  void legacyMetricsEventsOfEveryForm() {
    LegacyMetricsEvent single =
        data("legacy/api-events.metrics.v140-v150.data.json", LegacyMetricsEvent.class);
    assertThat(single.metrics().singleObject()).isTrue();
    ActivityRow row = single.metrics().rows().get(0);
    assertThat(row.id()).isEqualTo(3);
    assertThat(row.legacyFlat()).isTrue();
    assertThat(row.tokens().inputTokens()).isEqualTo(1436);
    assertThat(row.tokens().outputTokens()).isEqualTo(12);
    assertThat(row.tokens().tokensPerSecond()).isEqualTo(44.70793598128974);
    assertThat(row.tokens().promptPerSecond()).isEqualTo(ActivityTokens.ABSENT);
    assertThat(row.durationMs()).isEqualTo(16646);

    LegacyMetricsEvent array =
        data("legacy/api-events.metrics.v229-v235.data.json", LegacyMetricsEvent.class);
    assertThat(array.metrics().singleObject()).isFalse();
    assertThat(array.metrics().rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(41);
              assertThat(r.tokens().cacheTokens()).isEqualTo(1024);
              assertThat(r.metadata()).containsEntry("fifo_priority", "0");
            });
  }

  @Test
  void unknownTypesAreReportedForCallersToIgnore() {
    DecodedEvent event = EventDecoder.decode(envelope("codexQuota", "{\"used\":3}"));
    assertThat(event).isEqualTo(new LlamaSwapEvent.Unknown("codexQuota", "{\"used\":3}"));
    assertThat(EventDecoder.decode(envelope("perfsys", "{}")))
        .isInstanceOf(LlamaSwapEvent.Unknown.class);
  }

  @Test
  void acceptsAnEmbeddedObjectInsteadOfAString() {
    DecodedEvent event = EventDecoder.decode("{\"type\":\"activity\",\"data\":{\"id\":5}}");
    assertThat(event).isInstanceOf(ActivityEvent.class);
    assertThat(((ActivityEvent) event).notice().id()).isEqualTo(5);
  }

  @Test
  void malformedMessagesCarryAReasonAndAShortExcerpt() {
    MalformedEvent notJson = (MalformedEvent) EventDecoder.decode("hello " + "x".repeat(5000));
    assertThat(notJson.reason()).isEqualTo("envelope is not JSON");
    assertThat(notJson.excerpt())
        .startsWith("hello x")
        .hasSizeLessThanOrEqualTo(Excerpts.MAX_CHARS);

    MalformedEvent noType = (MalformedEvent) EventDecoder.decode("{\"data\":\"{}\"}");
    assertThat(noType.reason()).isEqualTo("envelope has no type");

    MalformedEvent badInner =
        (MalformedEvent) EventDecoder.decode(envelope("modelStatus", "[{\"id\":"));
    assertThat(badInner.type()).isEqualTo("modelStatus");
    assertThat(badInner.reason()).isEqualTo("data string is not JSON");
    assertThat(badInner.excerpt()).isEqualTo("[{\"id\":");

    MalformedEvent wrongShape =
        (MalformedEvent) EventDecoder.decode(envelope("modelStatus", "{\"id\":1}"));
    assertThat(wrongShape.reason()).startsWith("data does not match the modelStatus shape");

    assertThat(EventDecoder.decode(envelope("activity", "{\"id\":\"x\"}")))
        .isInstanceOf(MalformedEvent.class);
    assertThat(EventDecoder.decode(envelope("inflight", "{\"operation\":\"explode\"}")))
        .isInstanceOf(MalformedEvent.class);
    assertThat(EventDecoder.decode(envelope("logData", "[]"))).isInstanceOf(MalformedEvent.class);
    assertThat(EventDecoder.decode("")).isInstanceOf(MalformedEvent.class);
    assertThat(EventDecoder.decode("[1,2]")).isInstanceOf(MalformedEvent.class);
    assertThat(EventDecoder.decode("{\"type\":\"activity\"}")).isInstanceOf(MalformedEvent.class);
  }

  @Test
  void neverThrowsOnGarbage() {
    Random random = new Random(7);
    String valid = envelope("modelStatus", Samples.text("events-data/modelStatus.json"));
    for (int i = 0; i < 2000; i++) {
      StringBuilder mutated = new StringBuilder(valid);
      for (int j = 0; j < 1 + random.nextInt(5); j++) {
        int at = random.nextInt(mutated.length());
        mutated.setCharAt(at, (char) (32 + random.nextInt(95)));
      }
      assertThat(EventDecoder.decode(mutated.toString())).isNotNull();
    }
  }
}
