package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityDraftTest {

  private static ActivityDraft draft(String error, int input, double tps) {
    return ActivityDraft.of(
        Instant.EPOCH,
        "m",
        "/v1/chat/completions",
        "",
        500,
        0,
        input,
        0,
        0,
        tps,
        1,
        error,
        Map.of());
  }

  @Test
  void errorMessagesAreCappedAt500CharactersLikeLlamaSwap() {
    assertThat(draft("x".repeat(501), 0, 0).errorMsg()).hasSize(503).endsWith("x...");
    assertThat(draft("x".repeat(500), 0, 0).errorMsg()).hasSize(500);
    assertThat(draft(null, 0, 0).errorMsg()).isEmpty();
  }

  @Test
  void noUsageMeansEveryTokenFieldZeroAndUsageMeansDraftsUnknown() {
    assertThat(draft(null, 0, 0).tokens()).isEqualTo(ActivityTokens.none());
    ActivityTokens t = draft(null, 12, 40.5).tokens();
    assertThat(t.draftTokens()).isEqualTo(-1);
    assertThat(t.draftAccTokens()).isEqualTo(-1);
    assertThat(t.inputTokens()).isEqualTo(12);
  }
}
