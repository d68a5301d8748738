package dev.boocontrol.actionqueue.core;

import java.util.Objects;

/**
 * Why an action was not accepted.
 *
 * @param field the request field at fault, for {@link Kind#BAD_REQUEST}; null otherwise
 */
public record Rejection(Kind kind, String message, String field) {

  /** The kinds of refusal; the REST layer maps each to one status. */
  public enum Kind {
    BAD_REQUEST,
    UNKNOWN_HOST,
    HOST_DISABLED,
    HOST_DOWN,
    QUEUE_FULL
  }

  public Rejection {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  static Rejection badField(String field, String message) {
    return new Rejection(Kind.BAD_REQUEST, message, field);
  }
}
