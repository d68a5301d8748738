package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/profiles} (v241+). Profiles are runtime-only: every start and reload begins with
 * none active.
 *
 * @param active null when no profile is active
 */
public record Profiles(
    @JsonProperty("active") String active, @JsonProperty("profiles") List<Profile> profiles) {

  public Profiles {
    profiles = Collections2.list(profiles);
  }

  public Optional<String> activeProfile() {
    return Optional.ofNullable(active);
  }
}
