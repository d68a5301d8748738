package dev.boocontrol.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.policy.BuiltinPolicies;
import dev.boocontrol.contracts.policy.PolicySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final RouteRequest CHAT = new RouteRequest("me", false, 100, null);

  private static ModelRoute model(String id, String state) {
    return new ModelRoute(id, state, OptionalInt.empty());
  }

  private static HostRoute host(String id, Liveness liveness, ModelRoute... models) {
    Map<String, ModelRoute> byId = new LinkedHashMap<>();
    Arrays.stream(models).forEach(m -> byId.put(m.modelId(), m));
    return new HostRoute(id, "http://" + id, Optional.empty(), liveness, byId);
  }

  private static List<String> ranked(Router.Decision d) {
    return d.ranked().stream().map(p -> p.host().hostId() + "/" + p.model().modelId()).toList();
  }

  private static final RoutingView FLEET =
      new RoutingView(
          List.of(
              host(
                  "gpu-a",
                  Liveness.CONNECTED,
                  model("qwen2.5-coder-7b", "stopped"),
                  model("llama-3.1-8b", "ready")),
              host(
                  "gpu-b",
                  Liveness.CONNECTED,
                  model("qwen2.5-0.5b", "starting"),
                  model("mixtral-8x7b", "ready")),
              host("gpu-c", Liveness.DOWN, model("tiny-1b", "ready"))));

  @Test
  void autoPrefersWarmModelsThenQualityAndDropsDownHosts() {
    RouteFacts facts =
        new RouteFacts(Map.of("mixtral-8x7b", 0.9, "llama-3.1-8b", 0.7), Map.of(), Map.of());
    Router.Decision d = Router.route(BuiltinPolicies.ALL.get("auto"), CHAT, FLEET, facts);
    assertThat(ranked(d))
        .containsExactly(
            "gpu-b/mixtral-8x7b",
            "gpu-a/llama-3.1-8b",
            "gpu-b/qwen2.5-0.5b",
            "gpu-a/qwen2.5-coder-7b");
    assertThat(d.considered())
        .filteredOn(c -> !c.kept())
        .containsExactly(new Router.Considered("gpu-c", "tiny-1b", false, "host down"));
    assertThat(d.considered().get(0).reason()).isEqualTo("ready");
    assertThat(d.considered().get(3).reason()).isEqualTo("swap: stopped");
  }

  @Test
  void cheapRanksBySizeFromTheModelId() {
    Router.Decision d =
        Router.route(BuiltinPolicies.ALL.get("auto:cheap"), CHAT, FLEET, RouteFacts.NONE);
    assertThat(ranked(d))
        .containsExactly(
            "gpu-b/qwen2.5-0.5b",
            "gpu-a/qwen2.5-coder-7b",
            "gpu-a/llama-3.1-8b",
            "gpu-b/mixtral-8x7b");
  }

  @Test
  void fastUsesMeasuredLatencyAmongWarmModelsUnknownLast() {
    RouteFacts facts =
        new RouteFacts(
            Map.of(), Map.of("gpu-b/mixtral-8x7b", 900.0, "gpu-a/llama-3.1-8b", 120.0), Map.of());
    Router.Decision d = Router.route(BuiltinPolicies.ALL.get("auto:fast"), CHAT, FLEET, facts);
    assertThat(ranked(d).subList(0, 2)).containsExactly("gpu-a/llama-3.1-8b", "gpu-b/mixtral-8x7b");
  }

  @Test
  void codeWithToolsTakesTheRulesCandidatesAndListsThemInOrder() {
    PolicySpec code = BuiltinPolicies.ALL.get("auto:code");
    Router.Decision withTools =
        Router.route(code, new RouteRequest("me", true, 100, null), FLEET, RouteFacts.NONE);
    assertThat(withTools.rule()).isZero();
    assertThat(ranked(withTools)).containsExactly("gpu-a/qwen2.5-coder-7b");
    Router.Decision plain = Router.route(code, CHAT, FLEET, RouteFacts.NONE);
    assertThat(plain.rule()).isEqualTo(-1);
    assertThat(ranked(plain).get(0))
        .as("listed first: *coder*")
        .isEqualTo("gpu-a/qwen2.5-coder-7b");
    assertThat(ranked(plain)).hasSize(4);
  }

  @Test
  void rulesMatchOnSourcesTokensAndHint() {
    PolicySpec spec =
        new PolicySpec(
            List.of(
                new PolicySpec.Rule(
                    new PolicySpec.When(null, 1000, null, List.of("team:*"), null),
                    List.of("mixtral*")),
                new PolicySpec.Rule(
                    new PolicySpec.When(null, null, null, null, "tiny"), List.of("*0.5b"))),
            List.of("llama*"),
            List.of(),
            null);
    assertThat(
            Router.route(
                    spec, new RouteRequest("team:red", false, 5000, null), FLEET, RouteFacts.NONE)
                .rule())
        .isZero();
    assertThat(
            Router.route(
                    spec, new RouteRequest("team:red", false, 10, null), FLEET, RouteFacts.NONE)
                .rule())
        .isEqualTo(-1);
    assertThat(
            Router.route(spec, new RouteRequest("ci", false, 5000, "tiny"), FLEET, RouteFacts.NONE)
                .rule())
        .isEqualTo(1);
    assertThat(ranked(Router.route(spec, CHAT, FLEET, RouteFacts.NONE)))
        .containsExactly("gpu-a/llama-3.1-8b");
  }

  @Test
  void contextAndHoldsDropCandidatesWithTheReasonUnlessTheFilterIsOff() {
    RoutingView view =
        new RoutingView(
            List.of(
                host(
                    "h1",
                    Liveness.CONNECTED,
                    new ModelRoute("small-ctx-7b", "ready", OptionalInt.of(4096))),
                host("h2", Liveness.CONNECTED, model("big-7b", "ready")),
                host("h3", Liveness.RECONNECTING, model("other-7b", "ready"))));
    RouteFacts held = new RouteFacts(Map.of(), Map.of(), Map.of("h2", "bench run 12"));
    RouteRequest longPrompt = new RouteRequest("me", false, 9000, null);
    Router.Decision d = Router.route(BuiltinPolicies.ALL.get("auto"), longPrompt, view, held);
    assertThat(d.empty()).isTrue();
    assertThat(d.considered())
        .extracting(Router.Considered::reason)
        .containsExactly(
            "prompt ~9000 tokens > context 4096", "host held by bench run 12", "host reconnecting");

    PolicySpec lenient =
        new PolicySpec(
            List.of(), List.of("*"), List.of("warm"), new PolicySpec.Filters(false, false, false));
    assertThat(ranked(Router.route(lenient, longPrompt, view, held)))
        .containsExactly("h1/small-ctx-7b", "h2/big-7b", "h3/other-7b");
  }

  @Test
  void tiesBreakByHostThenModelSoRoutesAreDeterministic() {
    RoutingView view =
        new RoutingView(
            List.of(
                host("z", Liveness.CONNECTED, model("m", "ready")),
                host("a", Liveness.CONNECTED, model("m", "ready"), model("k", "ready"))));
    PolicySpec none = new PolicySpec(List.of(), List.of("*"), List.of(), null);
    assertThat(ranked(Router.route(none, CHAT, view, RouteFacts.NONE)))
        .containsExactly("a/k", "a/m", "z/m");
  }
}
