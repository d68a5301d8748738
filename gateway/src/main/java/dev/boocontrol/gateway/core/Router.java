package dev.boocontrol.gateway.core;

import dev.boocontrol.contracts.policy.Glob;
import dev.boocontrol.contracts.policy.PolicySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Picks, for a virtual model's policy, the (host, model) pairs that may serve a request, best
 * first: the first matching rule's patterns (else the policy's), then the filters, then the order
 * keys, ties broken by host id and model id so the same facts always give the same route. Every
 * pair a pattern matched is reported with whether it was kept and why, for the dispatch log.
 */
public final class Router {

  /** One pair that a pattern matched. */
  public record Considered(String hostId, String modelId, boolean kept, String reason) {}

  /**
   * @param rule the index of the rule that supplied the patterns, or -1 for the policy's own
   * @param ranked the kept pairs, best first (failover goes down this list)
   * @param considered every matched pair in ranked order, then the dropped ones
   */
  public record Decision(int rule, List<RoutingView.Pair> ranked, List<Considered> considered) {
    public boolean empty() {
      return ranked.isEmpty();
    }
  }

  private Router() {}

  public static Decision route(
      PolicySpec spec, RouteRequest request, RoutingView view, RouteFacts facts) {
    int rule = firstMatchingRule(spec, request);
    List<String> patterns = rule < 0 ? spec.candidates() : spec.rules().get(rule).candidates();
    List<Ranked> kept = new ArrayList<>();
    List<Considered> dropped = new ArrayList<>();
    for (RoutingView.Pair pair : view.pairs()) {
      int listed = firstMatch(patterns, pair.model().modelId());
      if (listed < 0) {
        continue;
      }
      String unfit = unfit(spec.filters(), request, pair, facts);
      if (unfit != null) {
        dropped.add(new Considered(pair.host().hostId(), pair.model().modelId(), false, unfit));
      } else {
        kept.add(new Ranked(pair, listed));
      }
    }
    kept.sort(order(spec.order(), facts));
    List<Considered> considered = new ArrayList<>();
    for (Ranked r : kept) {
      considered.add(
          new Considered(
              r.pair.host().hostId(), r.pair.model().modelId(), true, warmth(r.pair.model())));
    }
    considered.addAll(dropped);
    return new Decision(rule, kept.stream().map(Ranked::pair).toList(), considered);
  }

  /** The index of the first rule whose conditions all hold, or -1. */
  static int firstMatchingRule(PolicySpec spec, RouteRequest request) {
    for (int i = 0; i < spec.rules().size(); i++) {
      if (matches(spec.rules().get(i).when(), request)) {
        return i;
      }
    }
    return -1;
  }

  static boolean matches(PolicySpec.When when, RouteRequest request) {
    if (when.tools() != null && when.tools() != request.tools()) {
      return false;
    }
    if (when.minPromptTokens() != null && request.promptTokens() < when.minPromptTokens()) {
      return false;
    }
    if (when.maxPromptTokens() != null && request.promptTokens() > when.maxPromptTokens()) {
      return false;
    }
    if (when.sources() != null
        && when.sources().stream().noneMatch(s -> Glob.matches(s, request.consumer()))) {
      return false;
    }
    return when.modelHint() == null || when.modelHint().equals(request.hint());
  }

  private static int firstMatch(List<String> patterns, String modelId) {
    for (int i = 0; i < patterns.size(); i++) {
      if (Glob.matches(patterns.get(i), modelId)) {
        return i;
      }
    }
    return -1;
  }

  /** Why a pair cannot serve now, or null when it can. */
  private static String unfit(
      PolicySpec.Filters filters, RouteRequest request, RoutingView.Pair pair, RouteFacts facts) {
    HostRoute host = pair.host();
    if (filters.connectedOn() && !host.connected()) {
      return "host " + host.liveness().name().toLowerCase(java.util.Locale.ROOT);
    }
    if ("shutdown".equals(pair.model().state())) {
      return "model shut down";
    }
    OptionalInt context = pair.model().contextLength();
    if (filters.contextFitsOn()
        && context.isPresent()
        && request.promptTokens() > context.getAsInt()) {
      return "prompt ~" + request.promptTokens() + " tokens > context " + context.getAsInt();
    }
    if (filters.accessFreeOn() && facts.holder(host.hostId()).isPresent()) {
      return "host held by " + facts.holder(host.hostId()).get();
    }
    return null;
  }

  private static String warmth(ModelRoute model) {
    return switch (model.warmRank()) {
      case 0 -> "ready";
      case 1 -> "starting";
      default -> "swap: " + model.state();
    };
  }

  private record Ranked(RoutingView.Pair pair, int listed) {}

  private static Comparator<Ranked> order(List<String> keys, RouteFacts facts) {
    Comparator<Ranked> c = (a, b) -> 0;
    for (String key : keys) {
      c =
          c.thenComparing(
              switch (key) {
                case "warm" -> Comparator.comparingInt((Ranked r) -> r.pair.model().warmRank());
                case "quality" -> knownFirst(r -> facts.quality(r.pair.model().modelId()), true);
                case "latency" ->
                    knownFirst(
                        r -> facts.latency(r.pair.host().hostId(), r.pair.model().modelId()),
                        false);
                case "size" -> knownFirst(r -> ModelSize.billions(r.pair.model().modelId()), false);
                case "listed" -> Comparator.comparingInt(Ranked::listed);
                default -> throw new IllegalArgumentException("unknown order key " + key);
              });
    }
    return c.thenComparing(r -> r.pair.host().hostId())
        .thenComparing(r -> r.pair.model().modelId());
  }

  /** Known values before unknown ones; among known, highest or lowest first. */
  private static Comparator<Ranked> knownFirst(
      java.util.function.Function<Ranked, OptionalDouble> value, boolean highestFirst) {
    return (a, b) -> {
      OptionalDouble x = value.apply(a);
      OptionalDouble y = value.apply(b);
      if (x.isEmpty() || y.isEmpty()) {
        return Boolean.compare(x.isEmpty(), y.isEmpty());
      }
      int cmp = Double.compare(x.getAsDouble(), y.getAsDouble());
      return highestFirst ? -cmp : cmp;
    };
  }
}
