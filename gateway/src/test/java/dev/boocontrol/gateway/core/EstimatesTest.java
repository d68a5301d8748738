package dev.boocontrol.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.Json;
import org.junit.jupiter.api.Test;

class EstimatesTest {

  @Test
  void promptTokensAreAboutFourCharactersEachOverEveryTextField() throws Exception {
    assertThat(
            PromptEstimate.tokens(
                Json.MAPPER.readTree(
                    "{\"messages\":[{\"role\":\"system\",\"content\":\"12345678\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"abcd\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}")))
        .isEqualTo(3);
    assertThat(PromptEstimate.tokens(Json.MAPPER.readTree("{\"prompt\":\"hello\"}"))).isEqualTo(2);
    assertThat(PromptEstimate.tokens(Json.MAPPER.readTree("{\"input\":[\"ab\",\"cd\"]}")))
        .isEqualTo(1);
    assertThat(PromptEstimate.tokens(Json.MAPPER.readTree("[1]"))).isZero();
    assertThat(PromptEstimate.tokens(null)).isZero();
  }

  @Test
  void toolsMeanANonEmptyArray() throws Exception {
    assertThat(
            PromptEstimate.hasTools(Json.MAPPER.readTree("{\"tools\":[{\"type\":\"function\"}]}")))
        .isTrue();
    assertThat(PromptEstimate.hasTools(Json.MAPPER.readTree("{\"tools\":[]}"))).isFalse();
    assertThat(PromptEstimate.hasTools(Json.MAPPER.readTree("{}"))).isFalse();
  }

  @Test
  void sizesComeFromHowModelsAreNamed() {
    assertThat(ModelSize.billions("qwen2.5-7b")).hasValue(7);
    assertThat(ModelSize.billions("Llama-3.1-8B-Instruct")).hasValue(8);
    assertThat(ModelSize.billions("qwen2.5-0.5b")).hasValue(0.5);
    assertThat(ModelSize.billions("mixtral-8x7b")).hasValue(56);
    assertThat(ModelSize.billions("qwen3-30b-a3b")).hasValue(30);
    assertThat(ModelSize.billions("gpt-oss")).isEmpty();
    assertThat(ModelSize.billions("bert-base")).isEmpty();
    assertThat(ModelSize.billions(null)).isEmpty();
  }
}
