package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One runtime profile (v241+).
 *
 * @param pins requested id → target; a null or empty target makes that id answer 404
 */
public record Profile(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("pins") Map<String, String> pins) {

  public Profile {
    description = description == null ? "" : description;
    pins = Collections2.map(pins);
  }
}
