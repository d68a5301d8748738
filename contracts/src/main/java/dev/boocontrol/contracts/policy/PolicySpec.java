package dev.boocontrol.contracts.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.boocontrol.contracts.Json;
import java.io.IOException;
import java.util.List;

/**
 * How a virtual model ({@code auto}, {@code auto:code}, ...) picks a real model on a host: the
 * first rule whose {@code when} matches the request supplies the candidate patterns (else {@code
 * candidates}); {@code filters} drop what cannot serve now; {@code order} ranks the rest.
 *
 * @param rules checked in order; may be empty
 * @param candidates model-id globs used when no rule matches; never empty
 * @param order ranking keys applied one after the other, each at most once ({@link #ORDER_KEYS})
 * @param filters which unfit candidates are dropped; absent means all filters on
 */
public record PolicySpec(
    List<Rule> rules, List<String> candidates, List<String> order, Filters filters) {

  /** warm: ready first, then starting, then a swap; the others as their names say. */
  public static final List<String> ORDER_KEYS =
      List.of("warm", "quality", "latency", "size", "listed");

  private static final ObjectReader STRICT =
      Json.MAPPER
          .readerFor(PolicySpec.class)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Reads a spec, refusing fields it does not know (a typo must not silently mean "absent").
   *
   * @throws IOException naming the bad or unknown field
   */
  public static PolicySpec parse(JsonNode json) throws IOException {
    return STRICT.readValue(json);
  }

  public PolicySpec {
    rules = rules == null ? List.of() : List.copyOf(rules);
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
    order = order == null ? List.of() : List.copyOf(order);
    filters = filters == null ? Filters.ALL : filters;
  }

  /**
   * One routing rule.
   *
   * @param when the request facts it needs; absent means any request
   * @param candidates model-id globs of this rule; never empty
   */
  public record Rule(When when, List<String> candidates) {
    public Rule {
      when = when == null ? When.ANY : when;
      candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
  }

  /**
   * What a request must be for a rule to apply; every absent field matches anything.
   *
   * @param tools whether the request has a non-empty {@code tools} array
   * @param minPromptTokens estimated prompt tokens at least this
   * @param maxPromptTokens estimated prompt tokens at most this
   * @param sources consumer names (globs) the request must come from
   * @param modelHint the request's hint ({@code X-Boo-Hint}) must equal this
   */
  public record When(
      Boolean tools,
      Integer minPromptTokens,
      Integer maxPromptTokens,
      List<String> sources,
      String modelHint) {

    public static final When ANY = new When(null, null, null, null, null);

    public When {
      sources = sources == null ? null : List.copyOf(sources);
    }
  }

  /**
   * @param connected drop hosts whose connector is not connected
   * @param contextFits drop models whose known context length is below the estimated prompt
   * @param accessFree drop hosts someone holds (a bench, a takeover)
   */
  public record Filters(Boolean connected, Boolean contextFits, Boolean accessFree) {

    public static final Filters ALL = new Filters(true, true, true);

    public boolean connectedOn() {
      return connected == null || connected;
    }

    public boolean contextFitsOn() {
      return contextFits == null || contextFits;
    }

    public boolean accessFreeOn() {
      return accessFree == null || accessFree;
    }
  }
}
