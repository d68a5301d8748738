package dev.boocontrol.llamaswap.core.capture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hides secrets in captured HTTP headers before they are shown or stored. llama-swap already masks
 * {@code Authorization} and a few others as {@code [REDACTED]}; this masks more, and on our side of
 * the wire, so a host or a fork that masks less never leaks a key through BooControl.
 *
 * <p>Secret: {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code
 * Set-Cookie}, {@code X-Api-Key}, and any header whose name contains {@code key}, {@code token},
 * {@code secret} or {@code password} (case-insensitive). Their values become {@link #REDACTED}.
 */
public final class HeaderRedactor {

  /** What a secret header's value is replaced with. */
  public static final String REDACTED = "[redacted]";

  private static final Set<String> NAMED =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  private static final String[] PARTS = {"key", "token", "secret", "password"};

  private HeaderRedactor() {}

  /** Whether a header of this name carries a secret. */
  public static boolean isSecret(String name) {
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (NAMED.contains(lower)) {
      return true;
    }
    for (String part : PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy with every secret value replaced, in the same order; null stays null (a part of the
   * capture that was not kept).
   */
  public static Map<String, String> redact(Map<String, String> headers) {
    if (headers == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((name, value) -> out.put(name, isSecret(name) ? REDACTED : value));
    return Collections.unmodifiableMap(out);
  }
}
