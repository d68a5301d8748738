package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InferenceModelTest {

  private static final ModelSim SIM = new ModelSim(2, 0.2, 4096, 0, 40, 800, false);

  @Test
  void singleRequestFollowsTheFormulas() {
    InferenceModel.Timing t = new InferenceModel(42).plan(SIM, 1436, 1024, 12, 1, 1.0);
    assertThat(t.promptMs()).isCloseTo(412 / 800.0 * 1000, within(1e-9)); // 515 ms
    assertThat(t.perTokenMs()).isCloseTo(25, within(1e-9));
    assertThat(t.completionTokens()).isEqualTo(12);
    assertThat(t.generationMs()).isCloseTo(300, within(1e-9));
    assertThat(t.totalMs()).isCloseTo(815, within(1e-9));
    assertThat(t.tokensPerSecond()).isCloseTo(40, within(1e-9));
    assertThat(t.promptPerSecond(412)).isCloseTo(800, within(1e-9));
  }

  @Test
  void concurrencyAndSlowFactorSlowBothPhases() {
    InferenceModel.Timing t = new InferenceModel(42).plan(SIM, 800, 0, 10, 3, 2.0);
    assertThat(t.promptMs()).isCloseTo(1000 * 1.5, within(1e-9)); // 1 + 0.25 * 2
    assertThat(t.perTokenMs()).isCloseTo(25 * 1.7 * 2.0, within(1e-9)); // 1 + 0.35 * 2
  }

  @Test
  void nonPositiveConcurrencyCountsAsOne() {
    InferenceModel.Timing t = new InferenceModel(42).plan(SIM, 80, 0, 10, 0, 1.0);
    assertThat(t.promptMs()).isCloseTo(100, within(1e-9));
    assertThat(t.perTokenMs()).isCloseTo(25, within(1e-9));
  }

  @Test
  void fullyCachedPromptTakesNoPromptTime() {
    InferenceModel.Timing t = new InferenceModel(42).plan(SIM, 100, 500, 10, 1, 1.0);
    assertThat(t.promptMs()).isZero();
    assertThat(t.promptPerSecond(0)).isZero();
  }

  @Test
  void defaultCompletionLengthIsDeterministicBetween16And64() {
    InferenceModel model = new InferenceModel(42);
    Set<Integer> lengths = new HashSet<>();
    for (int prompt = 1; prompt <= 500; prompt++) {
      int n = model.plan(SIM, prompt, 0, 0, 1, 1.0).completionTokens();
      assertThat(n).isBetween(16, 64);
      assertThat(model.plan(SIM, prompt, 0, -1, 1, 1.0).completionTokens()).isEqualTo(n);
      lengths.add(n);
    }
    assertThat(lengths).hasSizeGreaterThan(40); // spread over the range
    assertThat(new InferenceModel(42).defaultCompletion(77))
        .isEqualTo(new InferenceModel(42).defaultCompletion(77));
    int differences = 0;
    for (int prompt = 0; prompt < 50; prompt++) {
      if (new InferenceModel(1).defaultCompletion(prompt)
          != new InferenceModel(2).defaultCompletion(prompt)) {
        differences++;
      }
    }
    assertThat(differences).isGreaterThan(30);
  }

  @Test
  void estimatesTokensAsQuarterOfCharacters() {
    assertThat(InferenceModel.estimateTokens(null)).isZero();
    assertThat(InferenceModel.estimateTokens("")).isZero();
    assertThat(InferenceModel.estimateTokens("a")).isEqualTo(1);
    assertThat(InferenceModel.estimateTokens("abcd")).isEqualTo(1);
    assertThat(InferenceModel.estimateTokens("abcde")).isEqualTo(2);
    assertThat(InferenceModel.estimateTokens("x".repeat(400))).isEqualTo(100);
    assertThat(InferenceModel.estimateTokens("\uD83D\uDE00\uD83D\uDE00"))
        .isEqualTo(1); // 2 code points
  }
}
