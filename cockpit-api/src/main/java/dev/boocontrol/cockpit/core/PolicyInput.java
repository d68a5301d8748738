package dev.boocontrol.cockpit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.policy.FieldError;
import dev.boocontrol.contracts.policy.PolicySpec;
import dev.boocontrol.contracts.policy.PolicyValidator;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A policy as an operator sends it: {@code {"description": "...", "spec": {...}}}, checked whole
 * before anything is stored. The first problem is thrown as a {@link BadParameter} naming its field
 * ({@code spec.order[2]}, {@code name}, ...).
 */
public record PolicyInput(String description, PolicySpec spec) {

  private static final Set<String> FIELDS = Set.of("description", "spec");
  public static final int MAX_DESCRIPTION = 500;

  public static PolicyInput parse(String name, String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
    } catch (IOException bad) {
      throw new BadParameter(
          "body", "the body must be JSON: {\"description\": ..., \"spec\": {...}}");
    }
    if (json == null || !json.isObject()) {
      throw new BadParameter("body", "the body must be a JSON object with spec");
    }
    json.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new BadParameter(f, "unknown field " + f + " (fields: description, spec)");
              }
            });
    JsonNode description = json.get("description");
    if (description != null && !description.isNull() && !description.isTextual()) {
      throw new BadParameter("description", "description must be text");
    }
    String text = description == null || description.isNull() ? "" : description.asText();
    if (text.length() > MAX_DESCRIPTION) {
      throw new BadParameter("description", "description is longer than " + MAX_DESCRIPTION);
    }
    JsonNode specJson = json.get("spec");
    if (specJson == null || !specJson.isObject()) {
      throw new BadParameter("spec", "spec is required: {\"candidates\": [...], \"order\": [...]}");
    }
    PolicySpec spec;
    try {
      spec = PolicySpec.parse(specJson);
    } catch (IOException bad) {
      throw new BadParameter("spec", "spec does not read: " + firstLine(bad.getMessage()));
    }
    List<FieldError> errors = PolicyValidator.validate(name, spec);
    if (!errors.isEmpty()) {
      throw new BadParameter(errors.get(0).field(), errors.get(0).message());
    }
    return new PolicyInput(text, spec);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
