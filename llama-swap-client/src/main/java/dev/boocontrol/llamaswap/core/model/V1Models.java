package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/models}: records sorted by id; unlisted models are left out. */
public record V1Models(
    @JsonProperty("data") List<V1Model> data, @JsonProperty("object") String object) {

  public V1Models {
    data = Collections2.list(data);
  }

  public Optional<V1Model> find(String id) {
    return data.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
