package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {

  @Test
  void producesTheRequestedShape() {
    List<String> tokens = new TextGenerator(42).tokens("prompt-a", 12);
    assertThat(tokens).hasSize(12);
    assertThat(tokens.get(0)).doesNotStartWith(" ");
    assertThat(Character.isUpperCase(tokens.get(0).charAt(0))).isTrue();
    assertThat(tokens.subList(1, 12)).allSatisfy(t -> assertThat(t).startsWith(" "));
    assertThat(tokens.get(11)).endsWith(".");
    assertThat(tokens.subList(0, 11)).allSatisfy(t -> assertThat(t).doesNotEndWith("."));
    assertThat(tokens)
        .allSatisfy(
            t ->
                assertThat(TextGenerator.VOCABULARY)
                    .contains(t.trim().replace(".", "").toLowerCase()));
  }

  @Test
  void sameSeedAndKeyGiveTheSameTokens() {
    assertThat(new TextGenerator(42).tokens("k", 30))
        .isEqualTo(new TextGenerator(42).tokens("k", 30));
    assertThat(new TextGenerator(42).text("k", 5))
        .isEqualTo(String.join("", new TextGenerator(42).tokens("k", 5)));
  }

  @Test
  void differentKeysOrSeedsGiveDifferentTokens() {
    TextGenerator gen = new TextGenerator(42);
    Set<List<String>> outputs = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      outputs.add(gen.tokens("prompt-" + i, 8));
    }
    assertThat(outputs).hasSize(50);
    assertThat(new TextGenerator(1).tokens("k", 8))
        .isNotEqualTo(new TextGenerator(2).tokens("k", 8));
  }

  @Test
  void shortAndEmptyRequests() {
    List<String> one = new TextGenerator(42).tokens("x", 1);
    assertThat(one).hasSize(1);
    assertThat(one.get(0)).matches("[A-Z][a-z]*\\.");
    assertThat(new TextGenerator(42).tokens("x", 0)).isEmpty();
    assertThat(new TextGenerator(42).tokens(null, 3)).hasSize(3);
  }

  @Test
  void vocabularyIsAboutTwoHundredDistinctPlainWords() {
    assertThat(TextGenerator.VOCABULARY).hasSizeBetween(180, 240);
    assertThat(new HashSet<>(TextGenerator.VOCABULARY)).hasSameSizeAs(TextGenerator.VOCABULARY);
    assertThat(TextGenerator.VOCABULARY).allSatisfy(w -> assertThat(w).matches("[a-z]+"));
  }
}
