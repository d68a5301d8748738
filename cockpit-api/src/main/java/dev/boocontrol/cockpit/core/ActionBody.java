package dev.boocontrol.cockpit.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boocontrol.contracts.Json;

/**
 * An operator's action request on its way to action-queue: it must be one JSON object, and it names
 * the logged-in operator as {@code requestedBy} whatever the browser sent. Every other field
 * ({@code kind}, {@code model}, {@code confirmTakeover}) is action-queue's to check, so its 400
 * names the field.
 */
public final class ActionBody {

  private ActionBody() {}

  /**
   * The body to forward.
   *
   * @throws BadParameter (field {@code body}) when the text is not a JSON object
   */
  public static String forOperator(String body, String operator) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (!(json instanceof ObjectNode object)) {
      throw new BadParameter(
          "body", "the body must be a JSON object, e.g. {\"kind\": \"warm\", \"model\": \"...\"}");
    }
    object.put("requestedBy", operator);
    return object.toString();
  }
}
