package dev.boocontrol.platform.core;

import java.util.Arrays;
import java.util.Optional;

/** What sits behind a registered host URL. */
public enum HostKind {
  /** A llama-swap host: connectors, pollers and actions talk to it. */
  LLAMA_SWAP("llama-swap"),
  /** A BooControl gateway registered like a host; connectors must never connect to it. */
  GATEWAY("gateway");

  private final String wireName;

  HostKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<HostKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }
}
