package dev.boocontrol.cockpit.core;

import java.util.Locale;

/**
 * The {@code status} filter of the activity search: {@code ok} (any 2xx), {@code error} (anything
 * but 2xx) or one exact status code.
 *
 * @param code the exact code when {@code kind} is {@link Kind#CODE}, otherwise 0
 */
public record StatusFilter(Kind kind, int code) {

  /** What the filter matches. */
  public enum Kind {
    OK,
    ERROR,
    CODE
  }

  public static final StatusFilter OK = new StatusFilter(Kind.OK, 0);
  public static final StatusFilter ERROR = new StatusFilter(Kind.ERROR, 0);

  public static StatusFilter code(int code) {
    return new StatusFilter(Kind.CODE, code);
  }

  /**
   * Parses the parameter value; blank or null means no filter (null).
   *
   * @throws BadParameter naming {@code status}
   */
  public static StatusFilter parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    switch (text) {
      case "ok":
        return OK;
      case "error":
        return ERROR;
      default:
        break;
    }
    if (text.matches("-?[0-9]{1,3}")) {
      int code = Integer.parseInt(text);
      if (code >= -1 && code <= 999) {
        return code(code);
      }
    }
    throw new BadParameter("status", "status must be ok, error or an HTTP status code");
  }

  /** Whether a response status matches (the SQL does the same). */
  public boolean matches(int status) {
    boolean success = status >= 200 && status <= 299;
    return switch (kind) {
      case OK -> success;
      case ERROR -> !success;
      case CODE -> status == code;
    };
  }
}
