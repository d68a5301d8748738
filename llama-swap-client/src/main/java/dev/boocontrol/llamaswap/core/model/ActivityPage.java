package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code GET /api/metrics/activity} (v236+).
 *
 * @param total rows matching the filter, over all pages
 * @param totalPages 0 when there are no rows
 */
public record ActivityPage(
    @JsonProperty("data") List<ActivityRow> data,
    @JsonProperty("page") int page,
    @JsonProperty("limit") int limit,
    @JsonProperty("total") long total,
    @JsonProperty("total_pages") int totalPages) {

  public ActivityPage {
    data = Collections2.list(data);
  }

  /** Highest row id on this page, or -1 when it is empty. */
  public long maxId() {
    return data.stream().mapToLong(ActivityRow::id).max().orElse(-1);
  }
}
