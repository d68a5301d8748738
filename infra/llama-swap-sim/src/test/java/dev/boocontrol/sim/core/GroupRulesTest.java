package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupRulesTest {

  private static GroupRules rules(String yaml) {
    return new GroupRules(SimConfigParser.parse(yaml, "test.yaml"));
  }

  private static String models(String... ids) {
    StringBuilder out = new StringBuilder("models:\n");
    for (String id : ids) {
      out.append("  ").append(id).append(": {}\n");
    }
    return out.toString();
  }

  @Test
  void sampleConfigSwapsChatModelsAndKeepsThePersistentEmbedder() {
    GroupRules rules =
        new GroupRules(SimConfigParser.parse(Samples.text("config.sample.yaml"), "s"));
    // qwen3-30b and gemma3-12b swap with each other; nomic-embed stays.
    assertThat(rules.evictionsFor("qwen3-30b", Set.of("gemma3-12b", "nomic-embed")))
        .containsExactly("gemma3-12b");
    assertThat(rules.evictionsFor("gemma3-12b", Set.of("qwen3-30b", "nomic-embed")))
        .containsExactly("qwen3-30b");
    // embed is swap:false, exclusive:false: loading it evicts nobody.
    assertThat(rules.evictionsFor("nomic-embed", Set.of("qwen3-30b"))).isEmpty();
    assertThat(rules.evictionsFor("qwen3-30b", Set.of())).isEmpty();
    assertThat(rules.evictionsFor("qwen3-30b", Set.of("qwen3-30b", "nomic-embed"))).isEmpty();
  }

  @Test
  void implicitDefaultGroupRunsOneModelAtATime() {
    GroupRules rules = rules(models("a", "b", "c"));
    assertThat(rules.groupOf("a")).get().extracting(GroupConfig::name).isEqualTo("(default)");
    assertThat(rules.evictionsFor("a", Set.of("b", "c"))).containsExactly("b", "c");
    assertThat(rules.evictionsFor("b", Set.of("a"))).containsExactly("a");
  }

  @Test
  void swapFalseLetsMembersRunTogether() {
    GroupRules rules =
        rules(models("a", "b", "x") + "groups:\n  pair:\n    swap: false\n    members: [a, b]\n");
    assertThat(rules.evictionsFor("a", Set.of("b"))).isEmpty();
    // the group is exclusive (default), so it evicts the default group's x
    assertThat(rules.evictionsFor("a", Set.of("b", "x"))).containsExactly("x");
  }

  @Test
  void exclusiveGroupEvictsOtherGroupsButNotPersistentOnes() {
    GroupRules rules =
        rules(
            models("a", "b", "c", "p")
                + "groups:\n"
                + "  g1:\n    members: [a]\n"
                + "  g2:\n    members: [b, c]\n    swap: false\n"
                + "  keep:\n    persistent: true\n    members: [p]\n");
    assertThat(rules.evictionsFor("a", Set.of("b", "c", "p"))).containsExactly("b", "c");
    assertThat(rules.evictionsFor("b", Set.of("a", "c", "p"))).containsExactly("a");
  }

  @Test
  void persistentGroupStillSwapsWithinItself() {
    GroupRules rules =
        rules(
            models("p1", "p2", "x")
                + "groups:\n  keep:\n    persistent: true\n    members: [p1, p2]\n");
    // loading p2 swaps out p1 (swap defaults to true) and, being exclusive, evicts x
    assertThat(rules.evictionsFor("p2", Set.of("p1", "x"))).containsExactly("p1", "x");
    // x (default group, exclusive) cannot evict the persistent members
    assertThat(rules.evictionsFor("x", Set.of("p1"))).isEmpty();
  }

  @Test
  void nonExclusiveTargetNeverEvictsOtherGroupsEvenExclusiveOnes() {
    GroupRules rules =
        rules(
            models("a", "b", "x")
                + "groups:\n"
                + "  loose:\n    exclusive: false\n    members: [a]\n"
                + "  strict:\n    exclusive: true\n    members: [b]\n");
    assertThat(rules.evictionsFor("a", Set.of("b", "x"))).isEmpty();
    // the exclusive one does evict the non-exclusive group's running member
    assertThat(rules.evictionsFor("b", Set.of("a", "x"))).containsExactly("a", "x");
  }

  @Test
  void unknownModelsAreIgnored() {
    GroupRules rules = rules(models("a", "b"));
    assertThat(rules.evictionsFor("nope", Set.of("a"))).isEmpty();
    assertThat(rules.evictionsFor("a", Set.of("ghost", "b"))).containsExactly("b");
  }
}
