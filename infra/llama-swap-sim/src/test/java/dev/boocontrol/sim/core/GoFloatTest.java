package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

  @ParameterizedTest(name = "%g of {0} is {1}")
  @CsvSource({
    "1385168896, 1.385168896e+09",
    "25769803776, 2.5769803776e+10",
    "46, 46",
    "0, 0",
    "33.41, 33.41",
    "0.38, 0.38",
    "3.0303030303030303, 3.0303030303030303",
    "5.375162760416666, 5.375162760416666",
    "1000000, 1e+06",
    "999999, 999999",
    "123456, 123456",
    "1234567, 1.234567e+06",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "0.000012345, 1.2345e-05",
    "1e21, 1e+21",
    "1e100, 1e+100",
    "-2.5, -2.5",
    "-1385168896, -1.385168896e+09",
    "100, 100",
    "0.1, 0.1",
  })
  void formatsLikeGoPercentG(double value, String expected) {
    assertThat(GoFloat.g(value)).isEqualTo(expected);
  }

  @Test
  void percentGSpecialValues() {
    assertThat(GoFloat.g(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFloat.g(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloat.g(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(GoFloat.g(-0.0)).isEqualTo("-0");
  }

  @ParameterizedTest(name = "json of {0} is {1}")
  @CsvSource({
    "-1, -1",
    "0, 0",
    "40, 40",
    "1058.5436289547652, 1058.5436289547652",
    "44.70788982485684, 44.70788982485684",
    "10000000, 10000000",
    "1e20, 100000000000000000000",
    "1.2345678901234568e20, 123456789012345680000",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "1.5e-7, 1.5e-7",
    "1e-10, 1e-10",
    "0.1, 0.1",
    "0.30000000000000004, 0.30000000000000004",
    "5.375162760416666, 5.375162760416666",
    "9007199254740992, 9007199254740992",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "4.9e-324, 5e-324",
    "-0.5, -0.5",
    "123.456, 123.456",
  })
  void formatsLikeGoEncodingJson(double value, String expected) {
    assertThat(GoFloat.json(value)).isEqualTo(expected);
  }

  @Test
  void jsonRefusesNonFiniteValuesLikeGo() {
    assertThatThrownBy(() -> GoFloat.json(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoFloat.json(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void float32UsesItsOwnShortestDigits() {
    assertThat(GoFloat.json(0.1f)).isEqualTo("0.1");
    assertThat(GoFloat.json(16777216f)).isEqualTo("16777216");
    assertThat(GoFloat.json(3.3333333f)).isEqualTo("3.3333333");
  }

  @Test
  void shortestDigitsAlwaysReadBackAsTheSameDouble() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      double v =
          i % 2 == 0
              ? Double.longBitsToDouble(random.nextLong()) // any bit pattern
              : random.nextDouble() * Math.pow(10, random.nextInt(-8, 22));
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String json = GoFloat.json(v);
      String g = GoFloat.g(v);
      assertThat(Double.parseDouble(json)).as(json).isEqualTo(v);
      assertThat(Double.parseDouble(g)).as(g).isEqualTo(v);
      assertThat(significantDigits(json)).isLessThanOrEqualTo(17);
    }
  }

  private static int significantDigits(String text) {
    String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
    return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
  }
}
