package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /running}: local processes that are starting, ready or stopping (v218+; only ready
 * ones before), sorted by model. Peers are never listed.
 */
public record Running(@JsonProperty("running") List<RunningModel> running) {

  public Running {
    running = Collections2.list(running);
  }

  public Optional<RunningModel> find(String model) {
    return running.stream().filter(m -> m.model().equals(model)).findFirst();
  }
}
