package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.EventType;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.cockpit.DeltaFrame;
import dev.boocontrol.contracts.cockpit.FrameType;
import dev.boocontrol.contracts.cockpit.GapView;
import dev.boocontrol.contracts.cockpit.HostView;
import dev.boocontrol.contracts.cockpit.ModelView;
import dev.boocontrol.contracts.cockpit.SnapshotFrame;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.GapSuspected;
import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.InflightChanged;
import dev.boocontrol.contracts.events.InflightChanged.InflightRequest;
import dev.boocontrol.contracts.events.JobEvents;
import dev.boocontrol.contracts.events.JobUpdated;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.LogLines;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.contracts.events.PerfSampled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetViewTest {

  private static final Instant T0 = Instant.parse("2026-08-22T16:30:00Z");

  private final FleetView fleet = new FleetView();

  @Test
  void livenessUpdatesStateLastSeenAndReason() {
    DeltaFrame delta =
        apply(
            FleetEvents.HOST_LIVENESS,
            "gpu-1",
            new HostLiveness("gpu-1", LivenessState.RECONNECTING, t(5), "stream closed"));

    assertThat(delta.type()).isEqualTo(FrameType.CONTROL_FLEET);
    assertThat(delta.event()).isEqualTo("host.liveness");
    HostView host = host("gpu-1");
    assertThat(host.liveness()).isEqualTo(LivenessState.RECONNECTING);
    assertThat(host.lastSeenAt()).isEqualTo(t(5));
    assertThat(host.livenessReason()).isEqualTo("stream closed");
  }

  @Test
  void modelTransitionsKeepTheLatestStatePerModelSortedById() {
    apply(
        FleetEvents.MODEL_TRANSITION, "gpu-1", transition("qwen3-30b", null, "starting", 1, false));
    apply(FleetEvents.MODEL_TRANSITION, "gpu-1", transition("gemma-3", null, "ready", 2, false));
    DeltaFrame delta =
        apply(
            FleetEvents.MODEL_TRANSITION,
            "gpu-1",
            transition("qwen3-30b", "starting", "ready", 3, true));

    assertThat(delta.type()).isEqualTo(FrameType.CONTROL_FLEET);
    assertThat(delta.event()).isEqualTo("model.transition");
    assertThat(host("gpu-1").models())
        .containsExactly(
            new ModelView("gemma-3", "ready", t(2), false),
            new ModelView("qwen3-30b", "ready", t(3), true));
  }

  @Test
  void hostInfoSetsTheVersionAndTheTtlOfListedModelsWhileOthersKeepTheirs() {
    apply(FleetEvents.MODEL_TRANSITION, "gpu-1", transition("qwen3-30b", null, "ready", 1, false));
    apply(FleetEvents.MODEL_TRANSITION, "gpu-1", transition("embed", null, "ready", 1, false));
    DeltaFrame delta =
        apply(
            FleetEvents.HOST_INFO,
            "gpu-1",
            new HostInfo(
                "gpu-1",
                "v250",
                "60226b6",
                List.of(new HostInfo.ModelTtl("embed", 0), new HostInfo.ModelTtl("qwen3-30b", 300)),
                t(2)));
    assertThat(delta.type()).isEqualTo(FrameType.CONTROL_FLEET);
    assertThat(delta.event()).isEqualTo("host.info");
    assertThat(delta.seq()).isEqualTo(3);
    assertThat(host("gpu-1").version()).isEqualTo("v250");
    assertThat(host("gpu-1").models())
        .extracting(ModelView::modelId, ModelView::ttlSeconds)
        .containsExactly(tuple("embed", 0), tuple("qwen3-30b", 300));

    // qwen3 unloaded: /running lists only embed; qwen3 keeps its TTL (the config still says so).
    apply(
        FleetEvents.MODEL_TRANSITION,
        "gpu-1",
        transition("qwen3-30b", "ready", "stopped", 3, false));
    apply(
        FleetEvents.HOST_INFO,
        "gpu-1",
        new HostInfo("gpu-1", null, null, List.of(new HostInfo.ModelTtl("embed", 60)), t(4)));
    assertThat(host("gpu-1").version()).as("newest wins, unknown included").isNull();
    assertThat(host("gpu-1").models())
        .extracting(ModelView::modelId, ModelView::state, ModelView::ttlSeconds)
        .containsExactly(tuple("embed", "ready", 60), tuple("qwen3-30b", "stopped", 300));

    // A TTL learnt before the model's first transition is shown once the model is.
    apply(
        FleetEvents.HOST_INFO,
        "gpu-1",
        new HostInfo("gpu-1", "v251", null, List.of(new HostInfo.ModelTtl("late", 120)), t(5)));
    apply(FleetEvents.MODEL_TRANSITION, "gpu-1", transition("late", null, "ready", 6, false));
    assertThat(host("gpu-1").models())
        .filteredOn(m -> m.modelId().equals("late"))
        .extracting(ModelView::ttlSeconds)
        .containsExactly(120);
  }

  @Test
  void badHostInfoIsRejectedWithoutASeq() {
    long before = fleet.rejected();
    assertThat(
            fleet.apply(
                EventEnvelope.of(
                    FleetEvents.HOST_INFO,
                    "gpu-1",
                    T0,
                    new HostInfo(
                        "gpu-1", "v1", null, List.of(new HostInfo.ModelTtl("m", -5)), T0))))
        .isEmpty();
    assertThat(
            fleet.apply(
                EventEnvelope.of(
                    FleetEvents.HOST_INFO,
                    "gpu-1",
                    T0,
                    new HostInfo("gpu-1", "v1", null, List.of(new HostInfo.ModelTtl(" ", 5)), T0))))
        .isEmpty();
    assertThat(fleet.rejected()).isEqualTo(before + 2);
    assertThat(fleet.host("gpu-1")).isEmpty();
  }

  @Test
  void aCompletedRequestMarksItsModelLastUsedAndAnOlderRowDoesNotMoveItBack() {
    apply(FleetEvents.MODEL_TRANSITION, "gpu-1", transition("qwen3-30b", null, "ready", 1, false));
    apply(FleetEvents.ACTIVITY_RECORDED, "gpu-1", activity(2, t(20)));
    apply(FleetEvents.ACTIVITY_RECORDED, "gpu-1", activity(1, t(10)));
    assertThat(host("gpu-1").models().get(0).lastUsedAt()).isEqualTo(t(20));
    // A transition keeps the last use: it belongs to the model, not to its state.
    apply(
        FleetEvents.MODEL_TRANSITION,
        "gpu-1",
        transition("qwen3-30b", "ready", "stopped", 30, false));
    assertThat(host("gpu-1").models().get(0).lastUsedAt()).isEqualTo(t(20));
  }

  @Test
  void seededLastUseIsKept() {
    fleet.seed(
        new HostSeed(
            "gpu-1",
            "Box",
            "http://h:1",
            1,
            List.of(new ModelView("qwen3-30b", "ready", t(1), false, null, t(7))),
            List.of(),
            List.of()));
    assertThat(host("gpu-1").models())
        .containsExactly(new ModelView("qwen3-30b", "ready", t(1), false, null, t(7)));
  }

  @Test
  void inflightSnapshotReplacesUpsertAddsOrReplacesAndRemoveEnds() {
    InflightRequest a = request("1", 100);
    InflightRequest b = request("2", 200);
    InflightRequest c = request("3", 300);
    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("snapshot", List.of(a, b), null));
    assertThat(host("gpu-1").inflight()).containsExactly(a, b);

    InflightRequest aLater = request("1", 900);
    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("upsert", List.of(aLater), null));
    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("upsert", List.of(c), null));
    assertThat(host("gpu-1").inflight()).containsExactly(aLater, b, c);

    DeltaFrame removed =
        apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("remove", List.of(), "2"));
    assertThat(removed.type()).isEqualTo(FrameType.CONTROL_FLEET);
    assertThat(host("gpu-1").inflight()).containsExactly(aLater, c);

    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("remove", List.of(), "not-there"));
    assertThat(host("gpu-1").inflight()).containsExactly(aLater, c);

    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("snapshot", List.of(b), null));
    assertThat(host("gpu-1").inflight()).containsExactly(b);
    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("snapshot", null, null));
    assertThat(host("gpu-1").inflight()).isEmpty();
  }

  @Test
  void epochStartedSetsTheEpoch() {
    DeltaFrame delta =
        apply(FleetEvents.EPOCH_STARTED, "gpu-1", new EpochStarted("gpu-1", 4, t(1), "restart"));

    assertThat(delta.type()).isEqualTo(FrameType.CONTROL_FLEET);
    assertThat(host("gpu-1").epoch()).isEqualTo(4);
  }

  @Test
  void gapsAreKeptNewestFirstAndCappedAtTwenty() {
    for (int i = 1; i <= 25; i++) {
      DeltaFrame delta =
          apply(
              FleetEvents.GAP_SUSPECTED,
              "gpu-1",
              new GapSuspected("gpu-1", 1, i * 10L, i * 10L + 5, "pruned", t(i)));
      assertThat(delta.type()).isEqualTo(FrameType.CONTROL_FLEET);
    }

    List<GapView> gaps = host("gpu-1").gaps();
    assertThat(gaps).hasSize(FleetView.MAX_GAPS);
    assertThat(gaps.get(0)).isEqualTo(new GapView(1, 250, 255, "pruned", t(25)));
    assertThat(gaps.get(19)).isEqualTo(new GapView(1, 60, 65, "pruned", t(6)));
    assertThat(gaps).isSortedAccordingTo((x, y) -> y.detectedAt().compareTo(x.detectedAt()));
  }

  @Test
  void aReplayedGapReplacesItsEarlierCopy() {
    apply(FleetEvents.GAP_SUSPECTED, "gpu-1", new GapSuspected("gpu-1", 1, 5, 9, "pruned", t(1)));
    apply(FleetEvents.GAP_SUSPECTED, "gpu-1", new GapSuspected("gpu-1", 2, 1, 3, "restart", t(2)));
    Optional<DeltaFrame> replay =
        fleet.apply(
            envelope(
                FleetEvents.GAP_SUSPECTED,
                "gpu-1",
                new GapSuspected("gpu-1", 1, 5, 9, "pruned", t(1))));

    assertThat(replay).isPresent();
    assertThat(host("gpu-1").gaps())
        .containsExactly(
            new GapView(2, 1, 3, "restart", t(2)), new GapView(1, 5, 9, "pruned", t(1)));
  }

  @Test
  void okPerfKeepsTheNewestSamplePerGpuAndTheNewestSystemSample() {
    DeltaFrame delta =
        apply(
            FleetEvents.PERF_SAMPLED,
            "gpu-1",
            new PerfSampled(
                "gpu-1",
                "ok",
                List.of(gpu(1, 2, 50), gpu(0, 1, 40), gpu(0, 2, 41), gpu(1, 1, 49)),
                List.of(system(2, 20), system(1, 10))));

    assertThat(delta.type()).isEqualTo(FrameType.CONTROL_PERF);
    assertThat(delta.event()).isEqualTo("perf.sampled");
    HostView host = host("gpu-1");
    assertThat(host.perfStatus()).isEqualTo("ok");
    assertThat(host.gpus()).containsExactly(gpu(0, 2, 41), gpu(1, 2, 50));
    assertThat(host.system()).isEqualTo(system(2, 20));

    apply(
        FleetEvents.PERF_SAMPLED,
        "gpu-1",
        new PerfSampled("gpu-1", "ok", List.of(gpu(1, 3, 60)), List.of(system(3, 30))));
    assertThat(host("gpu-1").gpus()).containsExactly(gpu(0, 2, 41), gpu(1, 3, 60));
    assertThat(host("gpu-1").system()).isEqualTo(system(3, 30));
  }

  @Test
  void disabledOrUnreachablePerfChangesTheStatusAndKeepsTheLastSamples() {
    apply(
        FleetEvents.PERF_SAMPLED,
        "gpu-1",
        new PerfSampled("gpu-1", "ok", List.of(gpu(0, 1, 40)), List.of(system(1, 10))));

    for (String status : List.of("unreachable", "disabled")) {
      DeltaFrame delta =
          apply(
              FleetEvents.PERF_SAMPLED,
              "gpu-1",
              new PerfSampled("gpu-1", status, List.of(), List.of()));
      assertThat(delta.type()).isEqualTo(FrameType.CONTROL_PERF);
      HostView host = host("gpu-1");
      assertThat(host.perfStatus()).isEqualTo(status);
      assertThat(host.gpus()).containsExactly(gpu(0, 1, 40));
      assertThat(host.system()).isEqualTo(system(1, 10));
    }
  }

  @Test
  void activityAndLogsAreForwardedWithoutChangingTheHost() {
    fleet.seed(seed("gpu-1"));
    HostView before = host("gpu-1");

    DeltaFrame activity = apply(FleetEvents.ACTIVITY_RECORDED, "gpu-1", activity(42));
    DeltaFrame log =
        apply(FleetEvents.LOG_LINES, "gpu-1", new LogLines("gpu-1", "proxy", "[INFO] hi\n", false));

    assertThat(activity.type()).isEqualTo(FrameType.CONTROL_ACTIVITY);
    assertThat(activity.event()).isEqualTo("activity.recorded");
    assertThat(activity.data().get("activityId").asLong()).isEqualTo(42);
    assertThat(log.type()).isEqualTo(FrameType.CONTROL_LOG);
    assertThat(log.event()).isEqualTo("log.lines");
    assertThat(log.data().get("text").asText()).isEqualTo("[INFO] hi\n");
    assertThat(log.data().get("lines").get(0).get("text").asText()).isEqualTo("[INFO] hi");
    assertThat(log.data().get("lines").get(0).get("n").asLong()).isEqualTo(1);
    assertThat(fleet.logTail("gpu-1", "proxy", 10))
        .extracting(LogTail.Line::text)
        .containsExactly("[INFO] hi");
    assertThat(host("gpu-1")).isEqualTo(withSeq(before, 2));
  }

  @Test
  void everyEventTypeOfTheFleetIsRoutedToItsFrameType() {
    Map<String, FrameType> expected =
        Map.of(
            "host.liveness", FrameType.CONTROL_FLEET,
            "model.transition", FrameType.CONTROL_FLEET,
            "inflight.changed", FrameType.CONTROL_FLEET,
            "epoch.started", FrameType.CONTROL_FLEET,
            "gap.suspected", FrameType.CONTROL_FLEET,
            "host.info", FrameType.CONTROL_FLEET,
            "perf.sampled", FrameType.CONTROL_PERF,
            "activity.recorded", FrameType.CONTROL_ACTIVITY,
            "log.lines", FrameType.CONTROL_LOG);
    assertThat(FleetEvents.ALL).extracting(EventType::name).hasSameElementsAs(expected.keySet());

    List<EventEnvelope> oneOfEach =
        List.of(
            envelope(
                FleetEvents.HOST_LIVENESS,
                "h",
                new HostLiveness("h", LivenessState.DOWN, null, "probe failed")),
            envelope(FleetEvents.MODEL_TRANSITION, "h", transition("m", null, "ready", 1, false)),
            envelope(FleetEvents.INFLIGHT_CHANGED, "h", inflight("snapshot", List.of(), null)),
            envelope(FleetEvents.EPOCH_STARTED, "h", new EpochStarted("h", 1, null, "first")),
            envelope(FleetEvents.GAP_SUSPECTED, "h", new GapSuspected("h", 1, 1, 2, "x", t(1))),
            envelope(FleetEvents.HOST_INFO, "h", new HostInfo("h", "v250", null, null, t(1))),
            envelope(FleetEvents.PERF_SAMPLED, "h", new PerfSampled("h", "ok", null, null)),
            envelope(FleetEvents.ACTIVITY_RECORDED, "h", activity(1)),
            envelope(FleetEvents.LOG_LINES, "h", new LogLines("h", "upstream", "x", true)));
    for (EventEnvelope event : oneOfEach) {
      DeltaFrame delta = fleet.apply(event).orElseThrow();
      assertThat(delta.type()).as(event.type()).isEqualTo(expected.get(event.type()));
      assertThat(delta.event()).isEqualTo(event.type());
      // Log deltas carry the payload plus the lines it completed.
      JsonNode data = delta.data().deepCopy();
      if (data instanceof ObjectNode object) {
        object.remove("lines");
      }
      assertThat(data).isEqualTo(event.payload());
      assertThat(delta.at()).isEqualTo(event.occurredAt());
      assertThat(delta.host()).isEqualTo("h");
    }
    assertThat(fleet.rejected()).isZero();
  }

  @Test
  void seqGrowsByExactlyOnePerDeltaAndIndependentlyPerHost() {
    fleet.seed(seed("gpu-1"));
    List<Long> gpu1 = new ArrayList<>();
    List<Long> gpu2 = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      gpu1.add(
          apply(FleetEvents.LOG_LINES, "gpu-1", new LogLines("gpu-1", "proxy", "a", false)).seq());
      gpu1.add(
          apply(FleetEvents.EPOCH_STARTED, "gpu-1", new EpochStarted("gpu-1", i, null, "r")).seq());
      gpu2.add(
          apply(FleetEvents.LOG_LINES, "gpu-2", new LogLines("gpu-2", "proxy", "b", false)).seq());
    }

    assertThat(gpu1).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(gpu2).containsExactly(1L, 2L, 3L);
    assertThat(host("gpu-1").seq()).isEqualTo(6);
    assertThat(host("gpu-2").seq()).isEqualTo(3);
  }

  @Test
  void duplicateEventsStillGetTheirOwnDelta() {
    HostLiveness same = new HostLiveness("gpu-1", LivenessState.CONNECTED, t(1), "connected");
    ModelTransition noop = transition("m", "ready", "ready", 2, false);

    assertThat(apply(FleetEvents.HOST_LIVENESS, "gpu-1", same).seq()).isEqualTo(1);
    assertThat(apply(FleetEvents.HOST_LIVENESS, "gpu-1", same).seq()).isEqualTo(2);
    assertThat(apply(FleetEvents.MODEL_TRANSITION, "gpu-1", noop).seq()).isEqualTo(3);
    assertThat(apply(FleetEvents.MODEL_TRANSITION, "gpu-1", noop).seq()).isEqualTo(4);
  }

  @Test
  void unknownTypesAreIgnoredWithoutCreatingAHostOrCountingARejection() {
    EventEnvelope future =
        new EventEnvelope("model.future", "gpu-9", t(1), Json.MAPPER.createObjectNode());

    assertThat(fleet.apply(future)).isEmpty();
    assertThat(fleet.hostIds()).isEmpty();
    assertThat(fleet.rejected()).isZero();
  }

  @Test
  void aHostNeverSeenIsCreatedFromTheEventWithItsIdOnly() {
    DeltaFrame delta =
        apply(FleetEvents.LOG_LINES, "gpu-7", new LogLines("gpu-7", "proxy", "hello", false));

    assertThat(delta.seq()).isEqualTo(1);
    assertThat(host("gpu-7"))
        .isEqualTo(
            new HostView(
                "gpu-7", null, null, null, null, null, 0, null, null, null, null, null, null, null,
                null, 1));
  }

  @Test
  void badPayloadsAreCountedNotThrownAndChangeNothing() {
    fleet.seed(seed("gpu-1"));
    HostView before = host("gpu-1");
    ObjectNode unknownState = Json.MAPPER.createObjectNode().put("state", "ASLEEP");
    ObjectNode wrongShape = Json.MAPPER.createObjectNode();
    wrongShape.putArray("requests").add("not an object");
    wrongShape.put("operation", "snapshot");

    List<EventEnvelope> bad =
        List.of(
            raw(FleetEvents.HOST_LIVENESS, "gpu-1", unknownState),
            raw(FleetEvents.HOST_LIVENESS, "gpu-1", Json.MAPPER.createObjectNode()),
            raw(FleetEvents.MODEL_TRANSITION, "gpu-1", new TextNode("not json")),
            raw(FleetEvents.MODEL_TRANSITION, "gpu-1", Json.MAPPER.createArrayNode()),
            raw(FleetEvents.INFLIGHT_CHANGED, "gpu-1", wrongShape),
            raw(FleetEvents.INFLIGHT_CHANGED, "gpu-1", Json.MAPPER.nullNode()),
            envelope(
                FleetEvents.MODEL_TRANSITION, "gpu-1", transition(null, null, "ready", 1, false)),
            envelope(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("reset", List.of(), null)),
            envelope(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("remove", List.of(), null)),
            envelope(
                FleetEvents.INFLIGHT_CHANGED,
                "gpu-1",
                inflight("upsert", List.of(request(null, 1)), null)),
            envelope(
                FleetEvents.PERF_SAMPLED, "gpu-1", new PerfSampled("gpu-1", "meh", null, null)),
            envelope(FleetEvents.EPOCH_STARTED, "gpu-1", new EpochStarted("gpu-1", 0, null, "x")),
            envelope(
                FleetEvents.GAP_SUSPECTED, "gpu-1", new GapSuspected("gpu-1", 1, 9, 5, "x", t(1))),
            raw(FleetEvents.LOG_LINES, "gpu-8", new TextNode("just a string")));

    for (EventEnvelope event : bad) {
      assertThat(fleet.apply(event)).as(event.type() + " " + event.payload()).isEmpty();
    }
    assertThat(fleet.rejected()).isEqualTo(bad.size());
    assertThat(host("gpu-1")).isEqualTo(before);
    assertThat(fleet.hostIds()).containsExactly("gpu-1");

    DeltaFrame next =
        apply(FleetEvents.LOG_LINES, "gpu-1", new LogLines("gpu-1", "proxy", "still here", false));
    assertThat(next.seq()).isEqualTo(1);
  }

  @Test
  void seedingFillsTheViewWithoutDeltasAndTheFirstDeltaIsOne() {
    List<GapView> gaps = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      gaps.add(new GapView(1, i, i, "pruned", t(i)));
    }
    fleet.seed(
        new HostSeed(
            "gpu-1",
            "Big box",
            "http://10.0.0.5:8080",
            3,
            List.of(
                new ModelView("qwen3-30b", "ready", t(1), false),
                new ModelView("gemma-3", "stopped", t(2), true)),
            gaps,
            List.of()));

    HostView host = host("gpu-1");
    assertThat(host.displayName()).isEqualTo("Big box");
    assertThat(host.baseUrl()).isEqualTo("http://10.0.0.5:8080");
    assertThat(host.epoch()).isEqualTo(3);
    assertThat(host.models())
        .extracting(ModelView::modelId)
        .containsExactly("gemma-3", "qwen3-30b");
    assertThat(host.gaps()).hasSize(FleetView.MAX_GAPS);
    assertThat(host.gaps().get(0).detectedAt()).isEqualTo(t(22));
    assertThat(host.liveness()).isNull();
    assertThat(host.perfStatus()).isNull();
    assertThat(host.seq()).isZero();

    assertThat(
            apply(
                    FleetEvents.MODEL_TRANSITION,
                    "gpu-1",
                    transition("gemma-3", "stopped", "starting", 3, false))
                .seq())
        .isEqualTo(1);
    assertThat(host("gpu-1").displayName()).isEqualTo("Big box");
  }

  @Test
  void reseedingAKnownHostKeepsItsSeqAndLiveState() {
    fleet.seed(seed("gpu-1"));
    apply(
        FleetEvents.HOST_LIVENESS,
        "gpu-1",
        new HostLiveness("gpu-1", LivenessState.CONNECTED, t(1), "connected"));

    fleet.seed(new HostSeed("gpu-1", "Renamed", "http://h:1", 2, List.of(), List.of(), List.of()));

    HostView host = host("gpu-1");
    assertThat(host.displayName()).isEqualTo("Renamed");
    assertThat(host.epoch()).isEqualTo(2);
    assertThat(host.liveness()).isEqualTo(LivenessState.CONNECTED);
    assertThat(host.seq()).isEqualTo(1);
  }

  @Test
  void snapshotHoldsEveryHostSortedByIdWithItsSeq() {
    fleet.seed(seed("gpu-b"));
    fleet.seed(seed("gpu-c"));
    apply(FleetEvents.LOG_LINES, "gpu-a", new LogLines("gpu-a", "proxy", "x", false));
    apply(FleetEvents.LOG_LINES, "gpu-c", new LogLines("gpu-c", "proxy", "x", false));
    apply(FleetEvents.LOG_LINES, "gpu-c", new LogLines("gpu-c", "proxy", "y", false));

    SnapshotFrame snapshot = fleet.snapshot(t(60));

    assertThat(snapshot.type()).isEqualTo(FrameType.SNAPSHOT);
    assertThat(snapshot.at()).isEqualTo(t(60));
    assertThat(snapshot.hosts())
        .extracting(HostView::hostId)
        .containsExactly("gpu-a", "gpu-b", "gpu-c");
    assertThat(snapshot.hosts()).extracting(HostView::seq).containsExactly(1L, 0L, 2L);
    assertThat(snapshot.hosts().get(1).displayName()).isEqualTo("Host gpu-b");
    assertThat(fleet.hostIds()).containsExactly("gpu-a", "gpu-b", "gpu-c");
    assertThat(fleet.host("gpu-z")).isEmpty();
  }

  @Test
  void viewsAreValuesThatLaterEventsDoNotChange() {
    apply(
        FleetEvents.INFLIGHT_CHANGED,
        "gpu-1",
        inflight("snapshot", List.of(request("1", 1)), null));
    SnapshotFrame before = fleet.snapshot(t(0));

    apply(FleetEvents.INFLIGHT_CHANGED, "gpu-1", inflight("remove", List.of(), "1"));

    assertThat(before.hosts().get(0).inflight())
        .extracting(InflightRequest::id)
        .containsExactly("1");
    assertThat(before.hosts().get(0).seq()).isEqualTo(1);
    assertThat(host("gpu-1").inflight()).isEmpty();
  }

  @Test
  void aClientFollowingSnapshotAndDeltasAcceptsEveryDelta() {
    fleet.seed(seed("gpu-1"));
    apply(FleetEvents.LOG_LINES, "gpu-1", new LogLines("gpu-1", "proxy", "before", false));
    SeqGuard guard = new SeqGuard();
    guard.snapshot(fleet.snapshot(t(0)));

    List<SeqGuard.Verdict> verdicts = new ArrayList<>();
    for (String host : List.of("gpu-1", "gpu-2", "gpu-1", "gpu-2")) {
      verdicts.add(
          guard.accept(
              apply(FleetEvents.LOG_LINES, host, new LogLines(host, "proxy", "x", false))));
    }

    assertThat(verdicts).containsOnly(SeqGuard.Verdict.ACCEPT).hasSize(4);
  }

  @Test
  void jobUpdatesAreRoutedByThePayloadsHostIntoControlJobFramesWithThatHostsSeq() {
    fleet.seed(seed("gpu-1"));
    apply(
        FleetEvents.HOST_LIVENESS,
        "gpu-1",
        new HostLiveness("gpu-1", LivenessState.CONNECTED, t(1), "connected"));

    // control.jobs is keyed by job id, not by host
    DeltaFrame delta =
        fleet
            .apply(
                EventEnvelope.of(
                    JobEvents.JOB_UPDATED, "job-a", T0, job("job-a", "gpu-1", "queued", 1, 1)))
            .orElseThrow();

    assertThat(delta.type()).isEqualTo(FrameType.CONTROL_JOB);
    assertThat(delta.event()).isEqualTo("job.updated");
    assertThat(delta.host()).isEqualTo("gpu-1");
    assertThat(delta.seq()).isEqualTo(2);
    assertThat(delta.data().path("jobId").asText()).isEqualTo("job-a");
    assertThat(fleet.hostIds()).containsExactly("gpu-1");
    assertThat(host("gpu-1").jobs()).extracting(JobUpdated::jobId).containsExactly("job-a");
  }

  @Test
  void openJobsShowTheRunningOneFirstThenTheQueuedWithPositionsRecomputed() {
    applyJob(job("a", "gpu-1", "queued", 1, 1));
    applyJob(job("b", "gpu-1", "queued", 2, 2));
    applyJob(job("c", "gpu-1", "queued", 3, 3));
    applyJob(job("x", "gpu-2", "queued", 1, 1));
    // a starts: action-queue does not republish b's and c's positions
    applyJob(running(job("a", "gpu-1", "running", null, 1), 4));

    assertThat(host("gpu-1").jobs())
        .extracting(JobUpdated::jobId, JobUpdated::state, JobUpdated::position)
        .containsExactly(
            tuple("a", "running", null), tuple("b", "queued", 1), tuple("c", "queued", 2));

    applyJob(job("a", "gpu-1", "succeeded", null, 1));
    applyJob(job("b", "gpu-1", "cancelled", null, 2));

    assertThat(host("gpu-1").jobs())
        .extracting(JobUpdated::jobId, JobUpdated::position)
        .containsExactly(tuple("c", 1));
    assertThat(host("gpu-2").jobs()).extracting(JobUpdated::jobId).containsExactly("x");
  }

  @Test
  void theSeedBringsOpenJobsButNotOnesTheTopicAlreadyReported() {
    applyJob(job("ended", "gpu-1", "failed", null, 1));
    applyJob(running(job("live", "gpu-1", "running", null, 2), 3));

    fleet.seed(
        new HostSeed(
            "gpu-1",
            "Host gpu-1",
            "http://gpu-1:8080",
            1,
            List.of(),
            List.of(),
            List.of(
                job("ended", "gpu-1", "queued", null, 1),
                job("live", "gpu-1", "queued", null, 2),
                job("seeded", "gpu-1", "queued", null, 5))));

    assertThat(host("gpu-1").jobs())
        .extracting(JobUpdated::jobId, JobUpdated::state, JobUpdated::position)
        .containsExactly(tuple("live", "running", null), tuple("seeded", "queued", 1));
  }

  @Test
  void badJobPayloadsAreRejectedAndChangeNothing() {
    fleet.seed(seed("gpu-1"));
    HostView before = host("gpu-1");

    List<JobUpdated> bad =
        List.of(
            job("a", null, "queued", 1, 1),
            job("a", " ", "queued", 1, 1),
            job(null, "gpu-1", "queued", 1, 1),
            job("a", "gpu-1", "exploded", 1, 1));
    bad.forEach(
        j ->
            assertThat(fleet.apply(EventEnvelope.of(JobEvents.JOB_UPDATED, "a", T0, j))).isEmpty());
    assertThat(fleet.apply(raw(JobEvents.JOB_UPDATED, "a", new TextNode("not json")))).isEmpty();

    assertThat(fleet.rejected()).isEqualTo(5);
    assertThat(host("gpu-1")).isEqualTo(before);
    assertThat(fleet.hostIds()).containsExactly("gpu-1");
  }

  private void applyJob(JobUpdated job) {
    fleet.apply(EventEnvelope.of(JobEvents.JOB_UPDATED, job.jobId(), T0, job)).orElseThrow();
  }

  private static JobUpdated job(
      String id, String host, String state, Integer position, int queuedSecond) {
    return new JobUpdated(
        id,
        host,
        "warm",
        "qwen3-30b",
        state,
        position,
        null,
        "admin",
        t(queuedSecond),
        null,
        null,
        null);
  }

  private static JobUpdated running(JobUpdated j, int startedSecond) {
    return new JobUpdated(
        j.jobId(),
        j.hostId(),
        j.kind(),
        j.model(),
        j.state(),
        null,
        null,
        j.requestedBy(),
        j.queuedAt(),
        t(startedSecond),
        null,
        null);
  }

  private <T> DeltaFrame apply(EventType<T> type, String host, T payload) {
    return fleet.apply(envelope(type, host, payload)).orElseThrow();
  }

  private HostView host(String id) {
    return fleet.host(id).orElseThrow();
  }

  private static <T> EventEnvelope envelope(EventType<T> type, String host, T payload) {
    return EventEnvelope.of(type, host, T0, payload);
  }

  private static EventEnvelope raw(EventType<?> type, String host, JsonNode payload) {
    return new EventEnvelope(type.name(), host, T0, payload);
  }

  private static Instant t(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static HostSeed seed(String id) {
    return new HostSeed(
        id, "Host " + id, "http://" + id + ":8080", 1, List.of(), List.of(), List.of());
  }

  private static HostView withSeq(HostView v, long seq) {
    return new HostView(
        v.hostId(),
        v.displayName(),
        v.baseUrl(),
        v.liveness(),
        v.lastSeenAt(),
        v.livenessReason(),
        v.epoch(),
        v.version(),
        v.models(),
        v.gpus(),
        v.system(),
        v.perfStatus(),
        v.inflight(),
        v.gaps(),
        v.jobs(),
        seq);
  }

  private static ModelTransition transition(
      String model, String from, String to, int second, boolean swap) {
    return new ModelTransition("gpu-1", model, from, to, t(second), swap);
  }

  private static InflightChanged inflight(
      String operation, List<InflightRequest> requests, String removedId) {
    return new InflightChanged("gpu-1", operation, requests, removedId);
  }

  private static InflightRequest request(String id, long elapsedMs) {
    return new InflightRequest(
        id, T0, "qwen3-30b", "/v1/chat/completions", "POST", 0, elapsedMs, "direct");
  }

  private static PerfSampled.Gpu gpu(int index, int second, double util) {
    return new PerfSampled.Gpu(index, t(second), "RTX 3090", 46, util, 1321, 24576, 33.4);
  }

  private static PerfSampled.System system(int second, double cpu) {
    return new PerfSampled.System(t(second), cpu, 21881, 64215, 0.38);
  }

  private static ActivityRecorded activity(long id) {
    return activity(id, T0);
  }

  private static ActivityRecorded activity(long id, Instant finishedAt) {
    return new ActivityRecorded(
        "gpu-1",
        1,
        null,
        id,
        finishedAt,
        "qwen3-30b",
        "/v1/chat/completions",
        "text/event-stream",
        200,
        412,
        12,
        0,
        -1,
        -1,
        1058.5,
        44.7,
        16646,
        false,
        null,
        Map.of(),
        "direct",
        "none");
  }
}
