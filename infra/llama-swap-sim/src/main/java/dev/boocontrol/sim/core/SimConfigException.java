package dev.boocontrol.sim.core;

import java.util.List;

/** The config could not be used; every problem names its field ({@code models.x.ttl: …}). */
public class SimConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SimConfigException(String source, List<String> problems) {
    super(source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
