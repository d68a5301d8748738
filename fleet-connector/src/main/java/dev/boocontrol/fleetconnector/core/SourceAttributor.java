package dev.boocontrol.fleetconnector.core;

import dev.boocontrol.llamaswap.core.model.ActivityRow;
import dev.boocontrol.llamaswap.core.model.InflightEntry;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attributes an activity row to the consumer that sent it, from its {@code X-Boo-Source} request
 * header: exactly from the row's capture when one exists; otherwise inferred from the in-flight
 * entry matched by model, path and time; otherwise {@code direct} with no clue. Never null.
 *
 * <p>A capture without a valid header still counts as exact: the capture is the truth, and it says
 * the request carried no source.
 */
public final class SourceAttributor {

  static final String HEADER = "X-Boo-Source";
  private static final Pattern VALID_SOURCE = Pattern.compile("[A-Za-z0-9._:@/-]{1,64}");

  public Attribution attribute(
      ActivityRow row, Optional<Map<String, String>> captureRequestHeaders, RecentInflight recent) {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(captureRequestHeaders, "captureRequestHeaders");
    Objects.requireNonNull(recent, "recent");
    if (captureRequestHeaders.isPresent()) {
      return new Attribution(sourceIn(captureRequestHeaders.get()), Attribution.Kind.CAPTURE);
    }
    if (row.timestamp() == null || row.reqPath() == null) {
      return none(); // nothing to match an in-flight entry on
    }
    Optional<InflightEntry> match =
        recent.claim(row.model(), row.reqPath(), row.timestamp().toInstant(), row.durationMs());
    return match
        .map(e -> new Attribution(sourceIn(e.reqHeaders()), Attribution.Kind.INFERRED))
        .orElseGet(SourceAttributor::none);
  }

  /** The valid, trimmed {@code X-Boo-Source} in these headers (any case), or {@code direct}. */
  public static String sourceIn(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (HEADER.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
        String value = header.getValue().trim();
        if (VALID_SOURCE.matcher(value).matches()) {
          return value;
        }
      }
    }
    return Attribution.DIRECT;
  }

  private static Attribution none() {
    return new Attribution(Attribution.DIRECT, Attribution.Kind.NONE);
  }
}
