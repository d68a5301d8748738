package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/metrics/activity} body: {@code data} is {@code []} (never null) when empty. */
public record ActivityPage(
    @JsonProperty("data") List<ActivityRow> data,
    @JsonProperty("page") int page,
    @JsonProperty("limit") int limit,
    @JsonProperty("total") long total,
    @JsonProperty("total_pages") long totalPages) {

  public ActivityPage {
    data = data == null ? List.of() : List.copyOf(data);
  }

  /** The same page with other rows (for {@code has_capture} worked out at read time). */
  public ActivityPage withData(List<ActivityRow> rows) {
    return new ActivityPage(rows, page, limit, total, totalPages);
  }
}
