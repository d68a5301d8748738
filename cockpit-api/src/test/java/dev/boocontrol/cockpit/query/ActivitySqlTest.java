package dev.boocontrol.cockpit.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.cockpit.core.ActivityFilter;
import dev.boocontrol.cockpit.core.PageCursor;
import dev.boocontrol.cockpit.core.StatusFilter;
import dev.boocontrol.cockpit.core.TimeRange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivitySqlTest {

  private static final Instant FROM = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void noFilterMeansRangeOrderAndOneRowMoreThanThePage() {
    Sql sql =
        ActivitySql.build(
            new ActivityFilter(
                List.of(), List.of(), List.of(), null, new TimeRange(FROM, TO), 50, null));
    assertThat(sql.text())
        .contains("WHERE finished_at >= $1 AND finished_at < $2")
        .contains("ORDER BY finished_at DESC, host_id DESC, epoch DESC, activity_id DESC")
        .endsWith("LIMIT $3")
        .doesNotContain("ANY(")
        .doesNotContain("resp_status_code =");
    assertThat(sql.params())
        .containsExactly(FROM.atOffset(ZoneOffset.UTC), TO.atOffset(ZoneOffset.UTC), 51L);
  }

  @Test
  void everyValueIsAPositionalParameter() {
    String evil = "x'); DROP TABLE hosts; --";
    PageCursor before = new PageCursor(Instant.parse("2026-11-25T09:00:00Z"), "box-1", 2, 9);
    Sql sql =
        ActivitySql.build(
            new ActivityFilter(
                List.of("box-1", "box-2"),
                List.of(evil),
                List.of("direct"),
                StatusFilter.code(503),
                new TimeRange(FROM, TO),
                10,
                before));
    assertThat(sql.text())
        .doesNotContain("DROP")
        .doesNotContain("box-1")
        .doesNotContain("503")
        .contains("host_id = ANY($3::text[])")
        .contains("model = ANY($4::text[])")
        .contains("source = ANY($5::text[])")
        .contains("resp_status_code = $6::int")
        .contains(
            "(finished_at, host_id, epoch, activity_id) < ($7::timestamptz, $8::text, $9::int,"
                + " $10::bigint)")
        .endsWith("LIMIT $11");
    List<Object> params = sql.params();
    assertThat(params).hasSize(11);
    assertThat((String[]) params.get(2)).containsExactly("box-1", "box-2");
    assertThat((String[]) params.get(3)).containsExactly(evil);
    assertThat(params.get(5)).isEqualTo(503);
    assertThat(params.get(6)).isEqualTo(OffsetDateTime.parse("2026-11-25T09:00:00Z"));
    assertThat(params.subList(7, 11)).containsExactly("box-1", 2, 9L, 11L);
  }

  @Test
  void okAndErrorNeedNoParameter() {
    Sql ok =
        ActivitySql.build(
            new ActivityFilter(
                List.of(),
                List.of(),
                List.of(),
                StatusFilter.OK,
                new TimeRange(FROM, TO),
                5,
                null));
    assertThat(ok.text()).contains("resp_status_code BETWEEN 200 AND 299");
    Sql error =
        ActivitySql.build(
            new ActivityFilter(
                List.of(),
                List.of(),
                List.of(),
                StatusFilter.ERROR,
                new TimeRange(FROM, TO),
                5,
                null));
    assertThat(error.text()).contains("resp_status_code NOT BETWEEN 200 AND 299");
    assertThat(error.params()).hasSize(3);
  }
}
