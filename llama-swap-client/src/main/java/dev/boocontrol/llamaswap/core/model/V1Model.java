package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record of {@code GET /v1/models} (spec §4).
 *
 * @param created Unix seconds at the time of the call, not the model's creation time
 * @param capabilities empty when none
 * @param contextLength null when not configured
 * @param status {@code {"value":"loaded"|"unloaded"}} (v236+), null before
 * @param meta {@code meta} as sent ({@code meta.llamaswap}, {@code meta.n_ctx}); null when absent
 */
public record V1Model(
    @JsonProperty("id") String id,
    @JsonProperty("object") String object,
    @JsonProperty("created") long created,
    @JsonProperty("owned_by") String ownedBy,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("architecture") Architecture architecture,
    @JsonProperty("capabilities") Map<String, Boolean> capabilities,
    @JsonProperty("supported_parameters") List<String> supportedParameters,
    @JsonProperty("context_length") Integer contextLength,
    @JsonProperty("meta") JsonNode meta,
    @JsonProperty("status") Status status) {

  public V1Model {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    capabilities = Collections2.map(capabilities);
    supportedParameters = Collections2.list(supportedParameters);
  }

  /** {@code loaded} or {@code unloaded}; empty before v236. */
  public Optional<String> statusValue() {
    return status == null ? Optional.empty() : Optional.ofNullable(status.value());
  }

  /** True when {@code status.value} is {@code loaded}. */
  public boolean isLoaded() {
    return statusValue().filter("loaded"::equals).isPresent();
  }

  /** {@code meta.llamaswap.type}: model, alias, peer, selector or profile (v241+). */
  public Optional<String> llamaSwapType() {
    if (meta == null) {
      return Optional.empty();
    }
    JsonNode type = meta.path("llamaswap").path("type");
    return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
  }

  /** {@code status}. */
  public record Status(@JsonProperty("value") String value) {}

  /** {@code architecture} (v225+, when modalities are configured). */
  public record Architecture(
      @JsonProperty("input_modalities") List<String> inputModalities,
      @JsonProperty("output_modalities") List<String> outputModalities,
      @JsonProperty("modality") String modality) {
    public Architecture {
      inputModalities = Collections2.list(inputModalities);
      outputModalities = Collections2.list(outputModalities);
    }
  }
}
