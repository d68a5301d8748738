package dev.boocontrol.actionqueue.core;

import java.util.Optional;

/** Where a control action is in its life; the last four are final. */
public enum ActionState {
  QUEUED("queued"),
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  SKIPPED("skipped"),
  CANCELLED("cancelled");

  private final String wireName;

  ActionState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }

  public static Optional<ActionState> fromWireName(String value) {
    for (ActionState s : values()) {
      if (s.wireName.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
