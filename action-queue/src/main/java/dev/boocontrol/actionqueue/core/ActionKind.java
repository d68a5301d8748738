package dev.boocontrol.actionqueue.core;

import java.util.Optional;

/** What a control action does to a host. */
public enum ActionKind {
  /** Load a model with a 1-token chat completion (llama-swap has no load endpoint). */
  WARM("warm", true),
  /** {@code POST /api/models/unload/{model}}. */
  UNLOAD("unload", true),
  /** {@code POST /api/models/unload}: every local model. */
  UNLOAD_ALL("unload_all", false);

  private final String wireName;
  private final boolean needsModel;

  ActionKind(String wireName, boolean needsModel) {
    this.wireName = wireName;
    this.needsModel = needsModel;
  }

  public String wireName() {
    return wireName;
  }

  public boolean needsModel() {
    return needsModel;
  }

  public static Optional<ActionKind> fromWireName(String value) {
    for (ActionKind k : values()) {
      if (k.wireName.equals(value)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
