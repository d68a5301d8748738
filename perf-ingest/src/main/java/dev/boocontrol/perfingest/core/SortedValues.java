package dev.boocontrol.perfingest.core;

import java.util.Collection;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * Finite values of one rollup column, sorted. Summing in sorted order makes an average independent
 * of the input order, so a re-run over the same rows gives bit-identical rollups.
 */
final class SortedValues {

  private final double[] values;

  private SortedValues(double[] values) {
    this.values = values;
  }

  /** The finite values (NaN and infinities are not measurements). */
  static <T> SortedValues finite(Collection<T> rows, ToDoubleFunction<T> column) {
    return matching(rows, column, v -> true);
  }

  /** The finite values above zero: llama-swap's speeds of 0 or less mean "not measured". */
  static <T> SortedValues positive(Collection<T> rows, ToDoubleFunction<T> column) {
    return matching(rows, column, v -> v > 0);
  }

  private static <T> SortedValues matching(
      Collection<T> rows, ToDoubleFunction<T> column, DoublePredicate keep) {
    return new SortedValues(
        rows.stream()
            .mapToDouble(column)
            .filter(v -> Double.isFinite(v) && keep.test(v))
            .sorted()
            .toArray());
  }

  /** Arithmetic mean, or null when there is no value. */
  Double mean() {
    if (values.length == 0) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Largest value, or null when there is no value. */
  Double max() {
    return values.length == 0 ? null : values[values.length - 1];
  }

  /** Median by linear interpolation (as PostgreSQL's percentile_cont(0.5)), or null. */
  Double median() {
    if (values.length == 0) {
      return null;
    }
    double rank = 0.5 * (values.length - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    return values[below] + (rank - below) * (values[above] - values[below]);
  }
}
