package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One process of {@code GET /running}. Before v186 only {@code model} and {@code state} were sent;
 * the rest is then empty, and {@code ttl} is -1.
 *
 * <p>{@code cmd} is the macro-expanded command line and may hold secrets: {@link #toString()} never
 * prints it.
 *
 * @param ttl seconds after globalTTL was applied; 0 means never
 */
public record RunningModel(
    @JsonProperty("model") String model,
    @JsonProperty("state") ModelState state,
    @JsonProperty("cmd") String cmd,
    @JsonProperty("proxy") String proxy,
    @JsonProperty("ttl") Long ttl,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description) {

  public RunningModel {
    state = state == null ? ModelState.UNKNOWN : state;
    cmd = cmd == null ? "" : cmd;
    proxy = proxy == null ? "" : proxy;
    ttl = ttl == null ? -1L : ttl;
    name = name == null ? "" : name;
    description = description == null ? "" : description;
  }

  @Override
  public String toString() {
    return "RunningModel[model="
        + model
        + ", state="
        + state
        + ", cmd=<redacted>, proxy="
        + proxy
        + ", ttl="
        + ttl
        + ", name="
        + name
        + ", description="
        + description
        + "]";
  }
}
