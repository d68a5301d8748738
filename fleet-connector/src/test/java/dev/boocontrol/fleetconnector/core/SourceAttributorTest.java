package dev.boocontrol.fleetconnector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.fleetconnector.core.Attribution.Kind;
import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.ActivityTokens;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceAttributorTest {

  private static final String CHAT = "/v1/chat/completions";
  private static final OffsetDateTime FINISHED = OffsetDateTime.parse("2026-08-22T18:30:14+02:00");
  private static final Instant STARTED = Instant.parse("2026-08-22T16:30:10.250Z");

  private final SourceAttributor attributor = new SourceAttributor();
  private final RecentInflight recent = new RecentInflight(16);

  private static ActivityRow row(OffsetDateTime timestamp, String reqPath) {
    return new ActivityRow(
        42,
        timestamp,
        "qwen3-30b",
        reqPath,
        "application/json",
        200,
        new ActivityTokens(0, -1, -1, 412, 12, 1058.5, 44.7),
        4000,
        true,
        null,
        Map.of(),
        false);
  }

  private static ActivityRow row() {
    return row(FINISHED, CHAT);
  }

  private Attribution withCapture(Map<String, String> headers) {
    return attributor.attribute(row(), Optional.of(headers), recent);
  }

  private static Map<String, String> header(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "[REDACTED]");
    headers.put(name, value);
    return headers;
  }

  @Test
  void captureHeaderAttributesExactly() {
    assertThat(withCapture(header("X-Boo-Source", "bench-eval")))
        .isEqualTo(new Attribution("bench-eval", Kind.CAPTURE));
  }

  @Test
  void headerNameIsMatchedIgnoringCase() {
    assertThat(withCapture(header("x-boo-source", "gateway")))
        .isEqualTo(new Attribution("gateway", Kind.CAPTURE));
    assertThat(withCapture(header("X-BOO-SOURCE", "gateway")))
        .isEqualTo(new Attribution("gateway", Kind.CAPTURE));
  }

  @Test
  void valueIsTrimmed() {
    assertThat(withCapture(header("X-Boo-Source", "  team:alice@lab/ci-1.2_x \t")).source())
        .isEqualTo("team:alice@lab/ci-1.2_x");
  }

  @Test
  void everyAllowedCharacterIsAccepted() {
    String all = "AZaz09._:@/-";

    assertThat(withCapture(header("X-Boo-Source", all)).source()).isEqualTo(all);
  }

  @Test
  void sixtyFourCharactersAreAllowedButNotSixtyFive() {
    String max = "a".repeat(64);

    assertThat(withCapture(header("X-Boo-Source", max)).source()).isEqualTo(max);
    assertThat(withCapture(header("X-Boo-Source", max + "a")))
        .isEqualTo(new Attribution("direct", Kind.CAPTURE));
  }

  @Test
  void invalidValuesInACaptureMeanDirectButStillExact() {
    for (String invalid :
        new String[] {
          "", "   ", "two words", "a,b", "bench, eval", "<script>", "é", "[REDACTED]"
        }) {
      assertThat(withCapture(header("X-Boo-Source", invalid)))
          .as("value %s", invalid)
          .isEqualTo(new Attribution("direct", Kind.CAPTURE));
    }
  }

  @Test
  void nullHeaderValueIsIgnored() {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Boo-Source", null);

    assertThat(withCapture(headers)).isEqualTo(new Attribution("direct", Kind.CAPTURE));
  }

  @Test
  void captureWithoutTheHeaderMeansDirectButStillExact() {
    assertThat(withCapture(Map.of("Content-Type", "application/json")))
        .isEqualTo(new Attribution("direct", Kind.CAPTURE));
    assertThat(withCapture(Map.of())).isEqualTo(new Attribution("direct", Kind.CAPTURE));
  }

  @Test
  void captureWinsOverAMatchingInflightEntry() {
    recent.remember(RecentInflightTest.entry("1", STARTED, "qwen3-30b", CHAT, "from-inflight"));

    assertThat(withCapture(header("X-Boo-Source", "from-capture")))
        .isEqualTo(new Attribution("from-capture", Kind.CAPTURE));
    // The inflight entry was not consumed.
    assertThat(attributor.attribute(row(), Optional.empty(), recent))
        .isEqualTo(new Attribution("from-inflight", Kind.INFERRED));
  }

  @Test
  void withoutCaptureTheInflightEntryIsInferred() {
    recent.remember(RecentInflightTest.entry("1", STARTED, "qwen3-30b", CHAT, "gateway"));

    assertThat(attributor.attribute(row(), Optional.empty(), recent))
        .isEqualTo(new Attribution("gateway", Kind.INFERRED));
  }

  @Test
  void inflightEntryWithoutTheHeaderIsInferredDirect() {
    recent.remember(RecentInflightTest.entry("1", STARTED, "qwen3-30b", CHAT, null));

    assertThat(attributor.attribute(row(), Optional.empty(), recent))
        .isEqualTo(new Attribution("direct", Kind.INFERRED));
  }

  @Test
  void inflightEntryWithAnInvalidHeaderIsInferredDirect() {
    recent.remember(RecentInflightTest.entry("1", STARTED, "qwen3-30b", CHAT, "not valid"));

    assertThat(attributor.attribute(row(), Optional.empty(), recent))
        .isEqualTo(new Attribution("direct", Kind.INFERRED));
  }

  @Test
  void aClaimedInflightEntryIsNotUsedForASecondRow() {
    recent.remember(RecentInflightTest.entry("1", STARTED, "qwen3-30b", CHAT, "gateway"));
    attributor.attribute(row(), Optional.empty(), recent);

    assertThat(attributor.attribute(row(), Optional.empty(), recent))
        .isEqualTo(new Attribution("direct", Kind.NONE));
  }

  @Test
  void noClueAtAllIsDirectNone() {
    assertThat(attributor.attribute(row(), Optional.empty(), recent))
        .isEqualTo(new Attribution("direct", Kind.NONE));
  }

  @Test
  void rowsWithoutTimestampOrPathCannotBeMatched() {
    recent.remember(RecentInflightTest.entry("1", STARTED, "qwen3-30b", CHAT, "gateway"));

    assertThat(attributor.attribute(row(null, CHAT), Optional.empty(), recent))
        .isEqualTo(new Attribution("direct", Kind.NONE));
    assertThat(attributor.attribute(row(FINISHED, null), Optional.empty(), recent))
        .isEqualTo(new Attribution("direct", Kind.NONE));
    // Still there for the right row.
    assertThat(attributor.attribute(row(), Optional.empty(), recent).kind())
        .isEqualTo(Kind.INFERRED);
  }

  @Test
  void kindWireNames() {
    assertThat(Kind.CAPTURE.wireName()).isEqualTo("capture");
    assertThat(Kind.INFERRED.wireName()).isEqualTo("inferred");
    assertThat(Kind.NONE.wireName()).isEqualTo("none");
  }
}
