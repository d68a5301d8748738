package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a {@code modelStatus} event (spec §7.3.1). Each event is a full snapshot.
 *
 * @param state {@link ModelState#PEER} for the empty string that peer models carry
 * @param peerId empty for local models
 * @param aliases empty when left out (before v194, or none)
 * @param capabilities empty when left out; values are {@code true}
 * @param contextLength null when left out (before v250, or not configured)
 */
public record ModelStatus(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("state") ModelState state,
    @JsonProperty("unlisted") boolean unlisted,
    @JsonProperty("peerID") String peerId,
    @JsonProperty("aliases") List<String> aliases,
    @JsonProperty("capabilities") Map<String, Boolean> capabilities,
    @JsonProperty("context_length") Integer contextLength) {

  public ModelStatus {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    state = state == null ? ModelState.UNKNOWN : state;
    peerId = peerId == null ? "" : peerId;
    aliases = Collections2.list(aliases);
    capabilities = Collections2.map(capabilities);
  }

  /** True for a model served by a peer host. */
  public boolean isPeer() {
    return !peerId.isEmpty();
  }

  public Optional<Integer> contextLengthValue() {
    return Optional.ofNullable(contextLength);
  }
}
