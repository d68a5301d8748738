package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.Excerpts;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.PayloadException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of one {@code inflight} event, in any of its three historical forms (spec §7.3.4).
 *
 * <ul>
 *   <li>v240+: {@link Snapshot}, {@link Upsert} or {@link Remove};
 *   <li>v235–v239: {@code {"requests":[…]}}, a full list every time, read as a {@link Snapshot};
 *   <li>v192–v234: {@code {"total":N}}, read as {@link Total}.
 * </ul>
 */
public sealed interface InflightUpdate {

  /**
   * Replaces the whole in-flight set. May arrive at any moment (recovery after overflow).
   *
   * @param requests empty when the server left the {@code requests} key out
   * @param legacyList true for the v235–v239 list form
   */
  record Snapshot(List<InflightEntry> requests, boolean legacyList) implements InflightUpdate {
    public Snapshot {
      requests = Collections2.list(requests);
    }
  }

  /** Adds or replaces one entry by id. */
  record Upsert(InflightEntry request) implements InflightUpdate {}

  /** The request with this id finished. */
  record Remove(String id) implements InflightUpdate {}

  /** v192–v234: only the number of requests in flight. */
  record Total(int total) implements InflightUpdate {}

  /** Reads the decoded {@code data} of an inflight event. */
  static InflightUpdate fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid(node, "not an object");
    }
    JsonNode operation = node.get("operation");
    if (operation == null || operation.isNull()) {
      if (node.has("total")) {
        return new Total(node.get("total").asInt());
      }
      if (node.has("requests")) {
        return new Snapshot(entries(node.get("requests")), true);
      }
      throw invalid(node, "no operation, requests or total");
    }
    return switch (operation.asText()) {
      case "snapshot" -> new Snapshot(entries(node.get("requests")), false);
      case "upsert" -> {
        JsonNode request = node.get("request");
        if (request == null || !request.isObject()) {
          throw invalid(node, "upsert without request");
        }
        yield new Upsert(LlamaSwapJson.convert(request, InflightEntry.class));
      }
      case "remove" -> {
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
          throw invalid(node, "remove without id");
        }
        yield new Remove(id.asText());
      }
      default -> throw invalid(node, "unknown operation " + operation.asText());
    };
  }

  private static List<InflightEntry> entries(JsonNode requests) {
    List<InflightEntry> list = new ArrayList<>();
    if (requests != null && requests.isArray()) {
      for (JsonNode entry : requests) {
        list.add(LlamaSwapJson.convert(entry, InflightEntry.class));
      }
    }
    return list;
  }

  private static PayloadException invalid(JsonNode node, String reason) {
    return new PayloadException("InflightUpdate", Excerpts.of(String.valueOf(node)), reason);
  }
}
