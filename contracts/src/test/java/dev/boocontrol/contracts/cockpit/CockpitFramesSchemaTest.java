package dev.boocontrol.contracts.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.events.InflightChanged;
import dev.boocontrol.contracts.events.JobUpdated;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.contracts.events.PerfSampled;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The frame records and {@code schema/cockpit-frames.schema.json} describe the same wire format:
 * the UI's TypeScript types are generated from the schema, the server sends the records.
 */
class CockpitFramesSchemaTest {

  private static final Instant AT = Instant.parse("2026-08-22T16:30:14.123Z");

  private static final JsonNode SCHEMA = load();
  private static final MiniSchema VALIDATOR = new MiniSchema(SCHEMA);

  private static final HostView FULL_HOST =
      new HostView(
          "gpu-1",
          "Big box",
          "http://10.0.0.5:8080",
          LivenessState.CONNECTED,
          AT,
          "stream open",
          3,
          "v250",
          List.of(new ModelView("qwen3-30b", "ready", AT, true, 300, AT)),
          List.of(new PerfSampled.Gpu(0, AT, "RTX 3090", 46, 2.5, 1321, 24576, 33.41)),
          new PerfSampled.System(AT, 2.5, 21881, 64215, 0.38),
          "ok",
          List.of(
              new InflightChanged.InflightRequest(
                  "7", AT, "qwen3-30b", "/v1/chat/completions", "POST", 0, 11238, "direct")),
          List.of(new GapView(2, 5, 9, "pruned", AT)),
          List.of(
              new JobUpdated(
                  "0b7e5d2c-1f0a-4c53-9a55-0d6f0c1e2a3b",
                  "gpu-1",
                  "warm",
                  "qwen3-30b",
                  "queued",
                  1,
                  null,
                  "admin",
                  AT,
                  null,
                  null,
                  null)),
          12);

  /** A host known only from one event: everything optional is null or empty. */
  private static final HostView SPARSE_HOST =
      new HostView(
          "gpu-2", null, null, null, null, null, 0, null, null, null, null, null, null, null, null,
          0);

  private static final SnapshotFrame SNAPSHOT =
      SnapshotFrame.of(AT, List.of(FULL_HOST, SPARSE_HOST));
  private static final DeltaFrame DELTA =
      DeltaFrame.of(
          FrameType.CONTROL_FLEET,
          "gpu-1",
          13,
          AT,
          "model.transition",
          Json.MAPPER.valueToTree(
              new ModelTransition("gpu-1", "qwen3-30b", "starting", "ready", AT, false)));
  private static final ResyncFrame RESYNC = ResyncFrame.of("client queue overflowed");

  @Test
  void oneFrameOfEachKindConformsToTheSchema() throws IOException {
    for (Frame frame : List.of(SNAPSHOT, DELTA, RESYNC)) {
      assertThat(VALIDATOR.errors(wire(frame))).as(frame.type().wireName()).isEmpty();
    }
    for (FrameType type : FrameType.values()) {
      if (type.delta()) {
        DeltaFrame delta =
            DeltaFrame.of(type, "gpu-1", 1, AT, "log.lines", Json.MAPPER.createObjectNode());
        assertThat(VALIDATOR.errors(wire(delta))).as(type.wireName()).isEmpty();
      }
    }
  }

  @Test
  void serializedFramesHaveExactlyThePropertiesTheSchemaListsForTheirType() throws IOException {
    for (Frame frame : List.of(SNAPSHOT, DELTA, RESYNC)) {
      JsonNode json = wire(frame);
      assertThat(fieldNames(json))
          .as(frame.type().wireName())
          .isEqualTo(propertyNames(branchFor(json.get("type").asText())));
    }
    JsonNode host = wire(SNAPSHOT).get("hosts").get(0);
    Map<String, JsonNode> nested =
        Map.of(
            "HostView", host,
            "ModelView", host.get("models").get(0),
            "Gpu", host.get("gpus").get(0),
            "System", host.get("system"),
            "InflightRequest", host.get("inflight").get(0),
            "GapView", host.get("gaps").get(0),
            "Job", host.get("jobs").get(0));
    nested.forEach(
        (def, json) ->
            assertThat(fieldNames(json))
                .as(def)
                .isEqualTo(propertyNames(VALIDATOR.resolve("#/$defs/" + def))));
  }

  @Test
  void everyObjectRequiresAllItsPropertiesBecauseNullsAreWritten() {
    SCHEMA
        .get("$defs")
        .fields()
        .forEachRemaining(
            def -> {
              if (def.getValue().has("properties")) {
                assertThat(def.getValue().get("additionalProperties").asBoolean(true))
                    .as(def.getKey())
                    .isFalse();
                Set<String> required = new TreeSet<>();
                def.getValue().get("required").forEach(r -> required.add(r.asText()));
                assertThat(required).as(def.getKey()).isEqualTo(propertyNames(def.getValue()));
              }
            });
  }

  @Test
  void theSchemaHasOneBranchPerFrameRecordCoveringEveryFrameType() {
    assertThat(SCHEMA.get("oneOf")).hasSize(Frame.class.getPermittedSubclasses().length);
    List<String> wireTypes = new ArrayList<>();
    for (JsonNode branch : SCHEMA.get("oneOf")) {
      JsonNode type = VALIDATOR.resolve(branch.get("$ref").asText()).get("properties").get("type");
      if (type.has("const")) {
        wireTypes.add(type.get("const").asText());
      } else {
        type.get("enum").forEach(t -> wireTypes.add(t.asText()));
      }
    }
    assertThat(wireTypes)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(FrameType.values()).map(FrameType::wireName).toList());
  }

  @Test
  void enumsOfTheSchemaMatchTheJavaEnums() {
    List<String> liveness = new ArrayList<>();
    VALIDATOR.resolve("#/$defs/LivenessState").get("enum").forEach(s -> liveness.add(s.asText()));
    assertThat(liveness)
        .containsExactlyElementsOf(Arrays.stream(LivenessState.values()).map(Enum::name).toList());
  }

  @Test
  void theValidatorCatchesDrift() throws IOException {
    ObjectNode extra = (ObjectNode) wire(RESYNC);
    extra.put("addedLater", 1);
    assertThat(VALIDATOR.errors(extra)).isNotEmpty();

    ObjectNode missing = (ObjectNode) wire(DELTA);
    missing.remove("seq");
    assertThat(VALIDATOR.errors(missing)).isNotEmpty();

    ObjectNode wrongType = (ObjectNode) wire(DELTA);
    wrongType.put("type", "snapshot");
    assertThat(VALIDATOR.errors(wrongType)).isNotEmpty();

    ObjectNode badHost = (ObjectNode) wire(SNAPSHOT);
    ((ObjectNode) badHost.get("hosts").get(0)).put("liveness", "ASLEEP");
    assertThat(VALIDATOR.errors(badHost)).isNotEmpty();

    ObjectNode badTtl = (ObjectNode) wire(SNAPSHOT);
    ((ObjectNode) badTtl.get("hosts").get(0).get("models").get(0)).put("ttlSeconds", -1);
    assertThat(VALIDATOR.errors(badTtl)).isNotEmpty();

    ObjectNode badTime = (ObjectNode) wire(SNAPSHOT);
    badTime.put("at", "yesterday");
    assertThat(VALIDATOR.errors(badTime)).isNotEmpty();
  }

  @Test
  void wireFormatIsReadable() throws IOException {
    JsonNode delta = wire(DELTA);
    assertThat(delta.get("type").asText()).isEqualTo("control_fleet");
    assertThat(delta.get("at").asText()).isEqualTo("2026-08-22T16:30:14.123Z");
    assertThat(delta.get("data").get("toState").asText()).isEqualTo("ready");
    JsonNode host = wire(SNAPSHOT).get("hosts").get(0);
    assertThat(host.get("liveness").asText()).isEqualTo("CONNECTED");
    assertThat(host.get("seq").asLong()).isEqualTo(12);
    assertThat(wire(SNAPSHOT).get("hosts").get(1).get("liveness").isNull()).isTrue();
    assertThat(host.get("version").asText()).isEqualTo("v250");
    JsonNode model = host.get("models").get(0);
    assertThat(model.get("ttlSeconds").asInt()).isEqualTo(300);
    assertThat(model.get("lastUsedAt").asText()).isEqualTo("2026-08-22T16:30:14.123Z");
    JsonNode unknown = Json.MAPPER.valueToTree(new ModelView("m", "ready", AT, false));
    assertThat(unknown.get("ttlSeconds").isNull()).isTrue();
    assertThat(unknown.get("lastUsedAt").isNull()).isTrue();
    assertThat(VALIDATOR.errors(wire(SNAPSHOT))).isEmpty();
  }

  @Test
  void framesRoundTrip() throws IOException {
    assertThat(roundTrip(SNAPSHOT, SnapshotFrame.class)).isEqualTo(SNAPSHOT);
    assertThat(roundTrip(DELTA, DeltaFrame.class)).isEqualTo(DELTA);
    assertThat(roundTrip(RESYNC, ResyncFrame.class)).isEqualTo(RESYNC);
  }

  @Test
  void framesRefuseATypeOfAnotherKind() {
    JsonNode empty = Json.MAPPER.createObjectNode();
    assertThatThrownBy(() -> DeltaFrame.of(FrameType.SNAPSHOT, "h", 1, AT, "x", empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeltaFrame.of(FrameType.RESYNC, "h", 1, AT, "x", empty))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotFrame(FrameType.RESYNC, AT, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResyncFrame(FrameType.SNAPSHOT, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(FrameType.fromWire("control_perf")).isEqualTo(FrameType.CONTROL_PERF);
    assertThatThrownBy(() -> FrameType.fromWire("control_nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostViewListsAreNeverNullAndCannotBeChangedLater() {
    assertThat(SPARSE_HOST.models()).isEmpty();
    assertThat(SPARSE_HOST.gpus()).isEmpty();
    assertThat(SPARSE_HOST.inflight()).isEmpty();
    assertThat(SPARSE_HOST.gaps()).isEmpty();
    assertThat(SPARSE_HOST.jobs()).isEmpty();
    List<ModelView> models = new ArrayList<>(List.of(new ModelView("m", "ready", AT, false)));
    HostView view =
        new HostView(
            "h", null, null, null, null, null, 0, null, models, null, null, null, null, null, null,
            0);
    models.clear();
    assertThat(view.models()).hasSize(1);
  }

  private static JsonNode branchFor(String wireType) {
    for (JsonNode branch : SCHEMA.get("oneOf")) {
      JsonNode def = VALIDATOR.resolve(branch.get("$ref").asText());
      JsonNode type = def.get("properties").get("type");
      if (wireType.equals(type.path("const").asText(null))) {
        return def;
      }
      for (JsonNode allowed : type.path("enum")) {
        if (allowed.asText().equals(wireType)) {
          return def;
        }
      }
    }
    throw new AssertionError("no schema branch for type " + wireType);
  }

  private static Set<String> fieldNames(JsonNode json) {
    Set<String> names = new TreeSet<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> propertyNames(JsonNode def) {
    return fieldNames(def.get("properties"));
  }

  /** What the client receives: the frame written to text and read back as a tree. */
  private static JsonNode wire(Frame frame) throws IOException {
    return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(frame));
  }

  private static <T> T roundTrip(Frame frame, Class<T> type) throws IOException {
    return Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(frame), type);
  }

  private static JsonNode load() {
    try (InputStream in =
        CockpitFramesSchemaTest.class.getResourceAsStream("/schema/cockpit-frames.schema.json")) {
      assertThat(in).as("schema on the classpath").isNotNull();
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
