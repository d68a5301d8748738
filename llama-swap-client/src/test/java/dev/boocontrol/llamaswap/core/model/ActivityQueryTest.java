package dev.boocontrol.llamaswap.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityQueryTest {

  @Test
  void gapFetchQuery() {
    assertThat(ActivityQuery.after(41).toQueryParameters())
        .containsExactly(
            Map.entry("min_id", "42"),
            Map.entry("limit", "999"),
            Map.entry("sort", "id"),
            Map.entry("order", "asc"));
  }

  @Test
  void everyParameterAndRepeatedModels() {
    ActivityQuery query =
        ActivityQuery.builder()
            .model("a")
            .model("b/c")
            .start(Instant.parse("2026-08-22T16:00:00.700Z"))
            .end(Instant.parse("2026-08-22T17:00:00Z"))
            .minId(1)
            .maxId(9)
            .limit(10)
            .page(2)
            .sort(ActivityQuery.Sort.GEN_SPEED)
            .order(ActivityQuery.Order.DESC)
            .build();
    List<Map.Entry<String, String>> params = query.toQueryParameters();
    assertThat(params)
        .containsExactly(
            Map.entry("model", "a"),
            Map.entry("model", "b/c"),
            Map.entry("start", "2026-08-22T16:00:00Z"),
            Map.entry("end", "2026-08-22T17:00:00Z"),
            Map.entry("min_id", "1"),
            Map.entry("max_id", "9"),
            Map.entry("limit", "10"),
            Map.entry("page", "2"),
            Map.entry("sort", "gen_speed"),
            Map.entry("order", "desc"));
    assertThat(ActivityQuery.all().toQueryParameters()).isEmpty();
  }

  @Test
  void refusesWhatTheServerWouldRefuse() {
    assertThatThrownBy(() -> ActivityQuery.builder().limit(1000).build())
        .hasMessageContaining("between 1 and 999");
    assertThatThrownBy(() -> ActivityQuery.builder().page(0).build()).hasMessageContaining("page");
    assertThatThrownBy(() -> ActivityQuery.builder().minId(5).maxId(4).build())
        .hasMessageContaining("min_id must be <= max_id");
  }
}
