package dev.boocontrol.contracts.cockpit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough JSON Schema (draft 2020-12) to check frames against {@code
 * cockpit-frames.schema.json} without a validator dependency: local {@code $ref}, {@code oneOf},
 * {@code anyOf}, {@code type}, {@code const}, {@code enum}, {@code properties}, {@code required},
 * {@code additionalProperties: false}, {@code items}, {@code minimum} and {@code format:
 * date-time}. Any other keyword fails loudly, so the schema cannot start relying on a rule this
 * class silently skips.
 */
final class MiniSchema {

  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "title", "description", "$defs");

  private final JsonNode root;

  MiniSchema(JsonNode root) {
    this.root = root;
  }

  /** Every violation of the root schema by {@code value}; empty when it conforms. */
  List<String> errors(JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(root, value, "$", errors);
    return errors;
  }

  /** The definition a local {@code $ref} such as {@code #/$defs/HostView} points to. */
  JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("only local refs are supported: " + ref);
    }
    JsonNode target = root.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("dangling $ref " + ref);
    }
    return target;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    Iterator<Map.Entry<String, JsonNode>> keywords = schema.fields();
    while (keywords.hasNext()) {
      Map.Entry<String, JsonNode> keyword = keywords.next();
      JsonNode arg = keyword.getValue();
      switch (keyword.getKey()) {
        case "$ref" -> check(resolve(arg.asText()), value, path, errors);
        case "oneOf" -> {
          int matching = 0;
          for (JsonNode branch : arg) {
            matching += branchErrors(branch, value, path).isEmpty() ? 1 : 0;
          }
          if (matching != 1) {
            errors.add(path + ": matches " + matching + " oneOf branches, not exactly 1");
          }
        }
        case "anyOf" -> {
          boolean any = false;
          for (JsonNode branch : arg) {
            any |= branchErrors(branch, value, path).isEmpty();
          }
          if (!any) {
            errors.add(path + ": matches no anyOf branch");
          }
        }
        case "type" -> {
          boolean ok = false;
          for (JsonNode type : arg.isArray() ? arg : List.of(arg)) {
            ok |= hasType(value, type.asText());
          }
          if (!ok) {
            errors.add(path + ": " + value.getNodeType() + " is not of type " + arg);
          }
        }
        case "const" -> {
          if (!arg.equals(value)) {
            errors.add(path + ": " + value + " is not " + arg);
          }
        }
        case "enum" -> {
          boolean ok = false;
          for (JsonNode allowed : arg) {
            ok |= allowed.equals(value);
          }
          if (!ok) {
            errors.add(path + ": " + value + " is not one of " + arg);
          }
        }
        case "properties" -> {
          if (value.isObject()) {
            arg.fields()
                .forEachRemaining(
                    p -> {
                      if (value.has(p.getKey())) {
                        check(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), errors);
                      }
                    });
          }
        }
        case "required" -> {
          for (JsonNode name : arg) {
            if (value.isObject() && !value.has(name.asText())) {
              errors.add(path + ": missing required property " + name.asText());
            }
          }
        }
        case "additionalProperties" -> {
          if (!arg.isBoolean() || arg.asBoolean()) {
            throw new IllegalStateException("only additionalProperties: false is supported");
          }
          JsonNode declared = schema.path("properties");
          if (value.isObject()) {
            value
                .fieldNames()
                .forEachRemaining(
                    name -> {
                      if (!declared.has(name)) {
                        errors.add(path + ": property " + name + " is not in the schema");
                      }
                    });
          }
        }
        case "items" -> {
          if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
              check(arg, value.get(i), path + "[" + i + "]", errors);
            }
          }
        }
        case "minimum" -> {
          if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) < 0) {
            errors.add(path + ": " + value + " is below the minimum " + arg);
          }
        }
        case "format" -> {
          if (!"date-time".equals(arg.asText())) {
            throw new IllegalStateException("unsupported format " + arg);
          }
          if (value.isTextual()) {
            try {
              DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.asText());
            } catch (DateTimeParseException e) {
              errors.add(path + ": " + value + " is not a date-time");
            }
          }
        }
        default -> {
          if (!ANNOTATIONS.contains(keyword.getKey())) {
            throw new IllegalStateException("unsupported keyword " + keyword.getKey());
          }
        }
      }
    }
  }

  private List<String> branchErrors(JsonNode branch, JsonNode value, String path) {
    List<String> errors = new ArrayList<>();
    check(branch, value, path, errors);
    return errors;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new IllegalStateException("unknown type " + type);
    };
  }
}
