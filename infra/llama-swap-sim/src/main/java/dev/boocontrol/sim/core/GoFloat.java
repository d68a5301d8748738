package dev.boocontrol.sim.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float formatting, digit for digit: {@code fmt}'s {@code %g} (as used by llama-swap's
 * Prometheus output) and {@code encoding/json}'s float64 form. Both print the shortest decimal that
 * reads back as the same double; they differ only in when they switch to an exponent.
 */
public final class GoFloat {

  private GoFloat() {}

  /**
   * Go {@code fmt.Sprintf("%g", v)}: shortest digits; exponent form when the decimal exponent is
   * below -4 or at least 6 (so {@code 1.385168896e+09}, {@code 46}, {@code 0.38}).
   */
  public static String g(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return zero(v);
    }
    Digits d = shortest(v);
    int exp = d.dp - 1;
    return exp < -4 || exp >= 6 ? d.exponent(false) : d.plain();
  }

  /**
   * Go {@code encoding/json} for a float64: shortest digits, plain unless {@code |v| < 1e-6} or
   * {@code |v| >= 1e21}; the exponent keeps no leading zero ({@code 1e-7}, {@code 1e+21}).
   *
   * @throws IllegalArgumentException for NaN and infinities, which Go refuses to marshal
   */
  public static String json(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("json: unsupported value: " + v);
    }
    if (v == 0) {
      return zero(v);
    }
    double abs = Math.abs(v);
    Digits d = shortest(v);
    return abs < 1e-6 || abs >= 1e21 ? d.exponent(true) : d.plain();
  }

  /** Go {@code encoding/json} for a float32 (shortest digits that read back as the same float). */
  public static String json(float v) {
    if (Float.isNaN(v) || Float.isInfinite(v)) {
      throw new IllegalArgumentException("json: unsupported value: " + v);
    }
    if (v == 0) {
      return zero(v);
    }
    float abs = Math.abs(v);
    Digits d = shortest32(v);
    return abs < 1e-6f || abs >= 1e21f ? d.exponent(true) : d.plain();
  }

  private static String zero(double v) {
    return 1 / v < 0 ? "-0" : "0";
  }

  /** Nearest p-digit rounding for growing p until it reads back as v (round-trip shortest). */
  private static Digits shortest(double v) {
    double abs = Math.abs(v);
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == abs) {
        return Digits.of(r, v < 0);
      }
    }
    return Digits.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)), v < 0);
  }

  private static Digits shortest32(float v) {
    float abs = Math.abs(v);
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p < 9; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.floatValue() == abs) {
        return Digits.of(r, v < 0);
      }
    }
    return Digits.of(exact.round(new MathContext(9, RoundingMode.HALF_EVEN)), v < 0);
  }

  /** value = 0.{digits} x 10^dp, digits without trailing zeros (Go's decimal representation). */
  private record Digits(String digits, int dp, boolean negative) {

    static Digits of(BigDecimal rounded, boolean negative) {
      BigDecimal stripped = rounded.stripTrailingZeros();
      String digits = stripped.unscaledValue().toString();
      return new Digits(digits, digits.length() - stripped.scale(), negative);
    }

    String plain() {
      StringBuilder out = new StringBuilder(digits.length() + 8);
      if (negative) {
        out.append('-');
      }
      int nd = digits.length();
      if (dp <= 0) {
        out.append("0.");
        out.append("0".repeat(-dp));
        out.append(digits);
      } else if (dp >= nd) {
        out.append(digits);
        out.append("0".repeat(dp - nd));
      } else {
        out.append(digits, 0, dp).append('.').append(digits, dp, nd);
      }
      return out.toString();
    }

    /** Go %e: d.ddd e±XX (two exponent digits at least); json drops the leading zero of e-0X. */
    String exponent(boolean jsonStyle) {
      StringBuilder out = new StringBuilder(digits.length() + 8);
      if (negative) {
        out.append('-');
      }
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = dp - 1;
      out.append('e').append(exp < 0 ? '-' : '+');
      int absExp = Math.abs(exp);
      if (absExp < 10 && !(jsonStyle && exp < 0)) {
        out.append('0');
      }
      out.append(absExp);
      return out.toString();
    }
  }
}
