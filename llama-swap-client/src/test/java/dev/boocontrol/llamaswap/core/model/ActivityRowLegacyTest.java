package dev.boocontrol.llamaswap.core.model;

import static dev.boocontrol.llamaswap.core.SampleParser.ACTIVITY_ROW;
import static dev.boocontrol.llamaswap.core.SampleParser.LEGACY_METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * Every legacy {@code /api/metrics} record shape of spec §8.4 maps into one {@link ActivityRow}.
 */
class ActivityRowLegacyTest {

  private static ActivityRow only(String sample) {
    LegacyMetrics metrics = LEGACY_METRICS.parse(sample, LegacyMetrics.class);
    assertThat(metrics.singleObject()).isFalse();
    assertThat(metrics.rows()).hasSize(1);
    return metrics.rows().get(0);
  }

  @Test
  void flatV151WithoutCacheTokens() {
    ActivityRow row = only("legacy/api-metrics.v151-v157.200.json");
    assertThat(row.legacyFlat()).isTrue();
    assertThat(row.id()).isEqualTo(90);
    assertThat(row.model()).isEqualTo("deepseek-v3-UD-Q2_K_XL");
    assertThat(row.tokens().inputTokens()).isEqualTo(7542);
    assertThat(row.tokens().outputTokens()).isEqualTo(660);
    assertThat(row.tokens().promptPerSecond()).isEqualTo(65.8294985342181);
    assertThat(row.tokens().tokensPerSecond()).isEqualTo(6.451635417730636);
    assertThat(row.tokens().cacheTokens()).isEqualTo(ActivityTokens.ABSENT);
    assertThat(row.tokens().draftTokens()).isEqualTo(ActivityTokens.ABSENT);
    assertThat(row.durationMs()).isEqualTo(119267);
    assertThat(row.reqPath()).isNull();
    assertThat(row.respStatusCode()).isNull();
    assertThat(row.hasCapture()).isFalse();
    assertThat(row.timestamp().getNano()).isEqualTo(897883438);
  }

  @Test
  void flatV158WithCacheTokens() {
    ActivityRow row = only("legacy/api-metrics.v158-v189.200.json");
    assertThat(row.legacyFlat()).isTrue();
    assertThat(row.tokens().cacheTokens()).isEqualTo(1024);
    assertThat(row.tokens().inputTokens()).isEqualTo(412);
    assertThat(row.hasCapture()).isFalse();
  }

  @Test
  void flatV190WithHasCapture() {
    ActivityRow row = only("legacy/api-metrics.v190-v208.200.json");
    assertThat(row.legacyFlat()).isTrue();
    assertThat(row.hasCapture()).isTrue();
    assertThat(row.timestamp()).isEqualTo(OffsetDateTime.parse("2026-03-02T09:14:22.913402775Z"));
  }

  @Test
  void nestedV209WithoutDraftOrMetadata() {
    ActivityRow row = only("legacy/api-metrics.v209-v226.200.json");
    assertThat(row.legacyFlat()).isFalse();
    assertThat(row.reqPath()).isEqualTo("/v1/chat/completions");
    assertThat(row.respStatusCode()).isEqualTo(200);
    assertThat(row.tokens().cacheTokens()).isEqualTo(1024);
    assertThat(row.tokens().draftTokens()).isEqualTo(ActivityTokens.ABSENT);
    assertThat(row.metadata()).isEmpty();
    assertThat(row.errorMsg()).isNull();
  }

  @Test
  void nestedV229IsTheHeadShape() {
    ActivityRow row = only("legacy/api-metrics.v229-v235.200.json");
    assertThat(row.id()).isEqualTo(41);
    assertThat(row.tokens().draftAccTokens()).isEqualTo(-1);
    assertThat(row.metadata()).containsEntry("fifo_priority", "0");
    assertThat(row.durationMs()).isEqualTo(16646);
  }

  @Test
  void expectedRowOfTheWorkedExample() {
    ActivityRow row =
        ACTIVITY_ROW.parse("expected/activity-row-from-llamacpp-stream.json", ActivityRow.class);
    assertThat(row.id()).isEqualTo(42);
    assertThat(row.tokens())
        .isEqualTo(
            new ActivityTokens(1024, -1, -1, 412, 12, 1058.5436289547652, 44.70788982485684));
    assertThat(row.durationMs()).isEqualTo(16646);
    assertThat(row.hasCapture()).isTrue();
  }

  @Test
  void keepsTheServerZoneOffset() {
    ActivityRow row =
        LlamaSwapJson.read(
            "{\"id\":7,\"timestamp\":\"2026-08-22T09:30:14-07:00\",\"model\":\"m\",\"tokens\":{}}",
            ActivityRow.class);
    assertThat(row.timestamp().getOffset().getTotalSeconds()).isEqualTo(-7 * 3600);
    assertThat(row.timestamp().toInstant().toString()).isEqualTo("2026-08-22T16:30:14Z");
  }

  @Test
  void rejectsANonObject() {
    assertThatThrownBy(() -> LlamaSwapJson.read("[1]", ActivityRow.class))
        .isInstanceOf(RuntimeException.class);
  }
}
