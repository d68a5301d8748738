package dev.boocontrol.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.contracts.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

  private static List<String> fields(String name, PolicySpec spec) {
    return PolicyValidator.validate(name, spec).stream().map(FieldError::field).toList();
  }

  @Test
  void theBuiltInsAreValid() {
    BuiltinPolicies.ALL.forEach(
        (name, spec) -> assertThat(PolicyValidator.validate(name, spec)).as(name).isEmpty());
    assertThat(BuiltinPolicies.ALL.keySet())
        .containsExactlyInAnyOrder("auto", "auto:code", "auto:fast", "auto:cheap");
  }

  @Test
  void everyProblemIsNamedByItsPath() {
    PolicySpec spec =
        new PolicySpec(
            List.of(
                new PolicySpec.Rule(
                    new PolicySpec.When(null, 500, 100, List.of(), " "),
                    List.of("ok*", "bad pattern")),
                new PolicySpec.Rule(new PolicySpec.When(null, -1, null, null, null), List.of())),
            List.of(),
            List.of("warm", "speed", "warm"),
            null);
    assertThat(fields("Auto:Bad!", spec))
        .containsExactlyInAnyOrder(
            "name",
            "spec.candidates",
            "spec.rules[0].candidates[1]",
            "spec.rules[0].when.maxPromptTokens",
            "spec.rules[0].when.sources",
            "spec.rules[0].when.modelHint",
            "spec.rules[1].candidates",
            "spec.rules[1].when.minPromptTokens",
            "spec.order[1]",
            "spec.order[2]");
  }

  @Test
  void namesAreAutoOrAutoColonSlug() {
    PolicySpec ok = BuiltinPolicies.ALL.get("auto");
    assertThat(fields("auto", ok)).isEmpty();
    assertThat(fields("auto:team-a1", ok)).isEmpty();
    for (String bad : new String[] {"", "gpt-4", "auto:", "auto:-x", "auto:UPPER", "auto:a_b"}) {
      assertThat(fields(bad, ok)).as(bad).containsExactly("name");
    }
    assertThat(fields("auto", null)).containsExactly("spec");
  }

  @Test
  void specJsonRoundTripsAndRefusesUnknownFields() throws Exception {
    String json =
        "{\"rules\":[{\"when\":{\"tools\":true,\"sources\":[\"ci\",\"team:*\"]},"
            + "\"candidates\":[\"*coder*\"]}],\"candidates\":[\"*\"],\"order\":[\"listed\",\"warm\"],"
            + "\"filters\":{\"accessFree\":false}}";
    PolicySpec spec = PolicySpec.parse(Json.MAPPER.readTree(json));
    assertThat(spec.rules().get(0).when().tools()).isTrue();
    assertThat(spec.rules().get(0).when().sources()).containsExactly("ci", "team:*");
    assertThat(spec.filters().accessFreeOn()).isFalse();
    assertThat(spec.filters().connectedOn()).isTrue();
    assertThat(PolicySpec.parse(Json.MAPPER.readTree(Json.write(spec)))).isEqualTo(spec);
    assertThatThrownBy(
            () -> PolicySpec.parse(Json.MAPPER.readTree("{\"candidates\":[\"*\"],\"ordr\":[]}")))
        .hasMessageContaining("ordr");
  }

  @Test
  void globsMatchWholeIdsWithStarsOnly() {
    assertThat(Glob.matches("*", "anything")).isTrue();
    assertThat(Glob.matches("*coder*", "qwen2.5-coder-7b")).isTrue();
    assertThat(Glob.matches("qwen*7b", "qwen2.5-coder-7b")).isTrue();
    assertThat(Glob.matches("qwen*7b", "qwen2.5-coder-7b-q4")).isFalse();
    assertThat(Glob.matches("llama", "llama-8b")).isFalse();
    assertThat(Glob.matches("a.b", "axb")).as(". is literal").isFalse();
    assertThat(Glob.matches("team:*", "team:red")).isTrue();
    assertThat(Glob.matches("**x", "abx")).isTrue();
    assertThat(Glob.valid("a b")).isFalse();
    assertThat(Glob.valid("[a]")).isFalse();
  }
}
