package dev.boocontrol.llamaswap.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.llamaswap.core.LlamaSwapJson;
import dev.boocontrol.llamaswap.core.model.ActivityNotice;
import dev.boocontrol.llamaswap.core.model.InflightUpdate;
import dev.boocontrol.llamaswap.core.model.LegacyMetrics;
import dev.boocontrol.llamaswap.core.model.LogData;
import dev.boocontrol.llamaswap.core.model.ModelStatus;
import dev.boocontrol.llamaswap.core.model.ProfileChanged;
import dev.boocontrol.llamaswap.core.model.UiConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the data of one {@code /api/events} message: the envelope {@code
 * {"type":"…","data":"<JSON as a string>"}}, then the inner JSON by type. Never throws; anything
 * unreadable becomes a {@link MalformedEvent}.
 */
public final class EventDecoder {

  private static final ObjectMapper JSON = LlamaSwapJson.mapper();

  private EventDecoder() {}

  /** Decodes one message's data (the SSE {@code data:} lines joined). */
  public static DecodedEvent decode(String sseData) {
    if (sseData == null || sseData.isBlank()) {
      return new MalformedEvent("", "empty data", "");
    }
    JsonNode envelope;
    try {
      envelope = JSON.readTree(sseData);
    } catch (JsonProcessingException | RuntimeException e) {
      return new MalformedEvent("", "envelope is not JSON", sseData);
    }
    if (envelope == null || !envelope.isObject()) {
      return new MalformedEvent("", "envelope is not a JSON object", sseData);
    }
    JsonNode typeNode = envelope.get("type");
    if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
      return new MalformedEvent("", "envelope has no type", sseData);
    }
    String type = typeNode.asText();
    JsonNode dataNode = envelope.get("data");
    if (dataNode == null || dataNode.isNull()) {
      return new MalformedEvent(type, "envelope has no data", sseData);
    }
    if (!isKnown(type)) {
      return new LlamaSwapEvent.Unknown(
          type, dataNode.isTextual() ? dataNode.asText() : dataNode.toString());
    }
    JsonNode payload;
    if (dataNode.isTextual()) {
      try {
        payload = JSON.readTree(dataNode.asText());
      } catch (JsonProcessingException | RuntimeException e) {
        return new MalformedEvent(type, "data string is not JSON", dataNode.asText());
      }
      if (payload == null || payload.isMissingNode()) {
        return new MalformedEvent(type, "data string is empty", sseData);
      }
    } else {
      // Tolerate a server that embeds the payload as JSON instead of a JSON string.
      payload = dataNode;
    }
    try {
      return decodePayload(type, payload);
    } catch (RuntimeException e) {
      return new MalformedEvent(
          type, "data does not match the " + type + " shape: " + firstLine(e), payload.toString());
    }
  }

  private static boolean isKnown(String type) {
    return switch (type) {
      case "modelStatus",
          "logData",
          "activity",
          "inflight",
          "uiConfig",
          "profileChanged",
          "metrics" ->
          true;
      default -> false;
    };
  }

  private static LlamaSwapEvent decodePayload(String type, JsonNode payload) {
    return switch (type) {
      case "modelStatus" -> new LlamaSwapEvent.ModelStatusEvent(modelStatuses(payload));
      case "logData" ->
          new LlamaSwapEvent.LogDataEvent(LlamaSwapJson.convert(object(payload), LogData.class));
      case "activity" -> {
        if (!object(payload).path("id").isIntegralNumber()) {
          throw new IllegalArgumentException("activity without an integer id");
        }
        yield new LlamaSwapEvent.ActivityEvent(
            LlamaSwapJson.convert(payload, ActivityNotice.class));
      }
      case "inflight" -> new LlamaSwapEvent.InflightEvent(InflightUpdate.fromJson(payload));
      case "uiConfig" ->
          new LlamaSwapEvent.UiConfigEvent(LlamaSwapJson.convert(object(payload), UiConfig.class));
      case "profileChanged" ->
          new LlamaSwapEvent.ProfileChangedEvent(
              LlamaSwapJson.convert(object(payload), ProfileChanged.class));
      case "metrics" -> new LlamaSwapEvent.LegacyMetricsEvent(LegacyMetrics.fromJson(payload));
      default -> throw new IllegalStateException("unhandled known type " + type);
    };
  }

  private static List<ModelStatus> modelStatuses(JsonNode payload) {
    if (!payload.isArray()) {
      throw new IllegalArgumentException("modelStatus data is not an array");
    }
    List<ModelStatus> models = new ArrayList<>(payload.size());
    for (JsonNode model : payload) {
      ModelStatus status = LlamaSwapJson.convert(object(model), ModelStatus.class);
      if (status.id() == null) {
        throw new IllegalArgumentException("model without id");
      }
      models.add(status);
    }
    return models;
  }

  private static JsonNode object(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType());
    }
    return node;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
