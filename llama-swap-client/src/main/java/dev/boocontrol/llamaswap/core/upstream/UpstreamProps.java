package dev.boocontrol.llamaswap.core.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * llama-server's own {@code /props}, fetched through {@code GET /upstream/{model}/props}. The shape
 * belongs to llama.cpp and changes between builds, so the document is kept whole and a few fields
 * are read from it.
 */
public record UpstreamProps(JsonNode json) {

  /** Context size: {@code default_generation_settings.n_ctx}, else a top-level {@code n_ctx}. */
  public OptionalInt nCtx() {
    JsonNode nested = json.path("default_generation_settings").path("n_ctx");
    if (nested.isIntegralNumber()) {
      return OptionalInt.of(nested.asInt());
    }
    JsonNode top = json.path("n_ctx");
    return top.isIntegralNumber() ? OptionalInt.of(top.asInt()) : OptionalInt.empty();
  }

  public OptionalInt totalSlots() {
    JsonNode slots = json.path("total_slots");
    return slots.isIntegralNumber() ? OptionalInt.of(slots.asInt()) : OptionalInt.empty();
  }

  public Optional<String> modelPath() {
    return text("model_path");
  }

  public Optional<String> buildInfo() {
    return text("build_info");
  }

  private Optional<String> text(String field) {
    JsonNode value = json.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
