package dev.boocontrol.llamaswap.core.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One sample line of the Prometheus text format.
 *
 * @param labels in the order written
 * @param type from the metric family's {@code # TYPE} line ({@code gauge}, {@code counter}, …), or
 *     {@code untyped}
 */
public record PrometheusSample(String name, Map<String, String> labels, double value, String type) {

  public PrometheusSample {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  public Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key));
  }
}
