package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.llamaswap.core.Excerpts;
import dev.boocontrol.llamaswap.core.PayloadException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a legacy {@code metrics} event (v140–v235): one record object (v140–v151) or an array
 * of records (v152–v235), each in the activity row shape of its version.
 *
 * @param singleObject true for the v140–v151 one-object form
 */
public record LegacyMetrics(List<ActivityRow> rows, boolean singleObject) {

  public LegacyMetrics {
    rows = Collections2.list(rows);
  }

  /** Reads either form. */
  public static LegacyMetrics fromJson(JsonNode node) {
    if (node != null && node.isObject()) {
      return new LegacyMetrics(List.of(ActivityRow.fromJson(node)), true);
    }
    if (node != null && node.isArray()) {
      List<ActivityRow> rows = new ArrayList<>();
      node.forEach(row -> rows.add(ActivityRow.fromJson(row)));
      return new LegacyMetrics(rows, false);
    }
    throw new PayloadException(
        "LegacyMetrics", Excerpts.of(String.valueOf(node)), "neither an object nor an array");
  }
}
