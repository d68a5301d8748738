package dev.boocontrol.contracts.policy;

import java.util.regex.Pattern;

/**
 * Model-id and consumer patterns: {@code *} matches any run of characters, nothing else is special.
 */
public final class Glob {

  /** What a pattern may contain. */
  public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:/@*+-]{1,200}");

  private Glob() {}

  public static boolean valid(String pattern) {
    return pattern != null && ALLOWED.matcher(pattern).matches();
  }

  /** Whether {@code value} matches {@code pattern} as a whole, case-sensitively. */
  public static boolean matches(String pattern, String value) {
    if (pattern == null || value == null) {
      return false;
    }
    return matches(pattern, 0, value, 0);
  }

  // Iterative wildcard match with one backtrack point: linear in practice, no regex.
  private static boolean matches(String p, int pi, String v, int vi) {
    int star = -1;
    int mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = vi;
      } else if (pi < p.length() && p.charAt(pi) == v.charAt(vi)) {
        pi++;
        vi++;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
