package dev.boocontrol.platform.core;

import java.util.List;

/** A host registry file that cannot be used; each problem names the field at fault. */
public class RegistryException extends RuntimeException {

  private final List<String> problems;

  public RegistryException(String source, List<String> problems) {
    super("invalid host registry " + source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
