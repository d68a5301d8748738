package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The {@code profileChanged} event (v241+) and the answer of {@code PUT /api/profiles/active}.
 *
 * @param active the active profile, or null when none is active
 */
public record ProfileChanged(@JsonProperty("active") String active) {

  public Optional<String> activeProfile() {
    return Optional.ofNullable(active);
  }
}
