package dev.boocontrol.llamaswap.core;

/** Short, log-safe cuts of payloads that could not be read. */
public final class Excerpts {

  /** Longest excerpt kept in errors and malformed-event reports. */
  public static final int MAX_CHARS = 200;

  private Excerpts() {}

  /** The first {@link #MAX_CHARS} characters, with an ellipsis when cut; never null. */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int end = MAX_CHARS - 1;
    // Do not split a surrogate pair.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
