package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyInputTest {

  private static String fieldOf(String name, String body) {
    try {
      PolicyInput.parse(name, body);
    } catch (BadParameter e) {
      return e.parameter();
    }
    throw new AssertionError("accepted: " + body);
  }

  @Test
  void aGoodPolicyReads() {
    PolicyInput in =
        PolicyInput.parse(
            "auto:team",
            "{\"description\":\"d\",\"spec\":{\"candidates\":[\"*\"],\"order\":[\"size\"]}}");
    assertThat(in.description()).isEqualTo("d");
    assertThat(in.spec().order()).containsExactly("size");
    assertThat(PolicyInput.parse("auto", "{\"spec\":{\"candidates\":[\"*\"]}}").description())
        .isEmpty();
  }

  @Test
  void theFirstProblemIsNamed() {
    assertThat(fieldOf("auto", "not json")).isEqualTo("body");
    assertThat(fieldOf("auto", "[]")).isEqualTo("body");
    assertThat(fieldOf("auto", "{\"spec\":{\"candidates\":[\"*\"]},\"extra\":1}"))
        .isEqualTo("extra");
    assertThat(fieldOf("auto", "{\"description\":3,\"spec\":{}}")).isEqualTo("description");
    assertThat(fieldOf("auto", "{}")).isEqualTo("spec");
    assertThat(fieldOf("auto", "{\"spec\":{\"candidates\":[\"*\"],\"filters\":{\"fast\":true}}}"))
        .isEqualTo("spec");
    assertThat(fieldOf("auto", "{\"spec\":{\"candidates\":[]}}")).isEqualTo("spec.candidates");
    assertThat(fieldOf("nope", "{\"spec\":{\"candidates\":[\"*\"]}}")).isEqualTo("name");
    assertThatThrownBy(
            () ->
                PolicyInput.parse(
                    "auto", "{\"description\":\"" + "x".repeat(501) + "\",\"spec\":{}}"))
        .isInstanceOf(BadParameter.class);
  }
}
