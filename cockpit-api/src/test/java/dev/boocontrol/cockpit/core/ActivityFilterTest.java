package dev.boocontrol.cockpit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityFilterTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static ActivityFilter.Params params() {
    return new ActivityFilter.Params(null, null, null, null, null, null, null, null);
  }

  private static ActivityFilter parse(ActivityFilter.Params p) {
    return ActivityFilter.parse(p, NOW);
  }

  private static void failsOn(String field, ActivityFilter.Params p) {
    assertThatThrownBy(() -> parse(p))
        .isInstanceOf(BadParameter.class)
        .satisfies(e -> assertThat(((BadParameter) e).parameter()).isEqualTo(field))
        .hasMessageContaining(field);
  }

  private static ActivityFilter.Params with(
      List<String> host,
      List<String> model,
      List<String> source,
      String status,
      String from,
      String to,
      String limit,
      String before) {
    return new ActivityFilter.Params(host, model, source, status, from, to, limit, before);
  }

  @Test
  void nothingGivenMeansTheLastDayFirstHundredRowsNoFilter() {
    ActivityFilter f = parse(params());
    assertThat(f.hosts()).isEmpty();
    assertThat(f.models()).isEmpty();
    assertThat(f.sources()).isEmpty();
    assertThat(f.status()).isNull();
    assertThat(f.range()).isEqualTo(new TimeRange(NOW.minus(Duration.ofHours(24)), NOW));
    assertThat(f.limit()).isEqualTo(100);
    assertThat(f.before()).isNull();
  }

  @Test
  void blankValuesCountAsNotGiven() {
    ActivityFilter f = parse(with(List.of(""), List.of(" "), List.of(""), "", " ", "", "", ""));
    assertThat(f).isEqualTo(parse(params()));
  }

  @Test
  void listParametersKeepEveryDistinctValueInOrder() {
    ActivityFilter f =
        parse(
            with(
                List.of("box-1", "box.2", "box-1"),
                List.of("qwen3:30b", " llama 3 "),
                List.of("direct", "bench"),
                null,
                null,
                null,
                null,
                null));
    assertThat(f.hosts()).containsExactly("box-1", "box.2");
    assertThat(f.models()).containsExactly("qwen3:30b", "llama 3");
    assertThat(f.sources()).containsExactly("direct", "bench");
  }

  @Test
  void hostMustBeAHostId() {
    failsOn("host", with(List.of("Box_1"), null, null, null, null, null, null, null));
    failsOn("host", with(List.of("-box"), null, null, null, null, null, null, null));
    failsOn("host", with(List.of("a".repeat(64)), null, null, null, null, null, null, null));
  }

  @Test
  void listParametersAreBounded() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= QueryParams.MAX_VALUES; i++) {
      many.add("m" + i);
    }
    failsOn("model", with(null, many, null, null, null, null, null, null));
    failsOn("source", with(null, null, many, null, null, null, null, null));
    failsOn("host", with(many, null, null, null, null, null, null, null));
    failsOn("model", with(null, List.of("x".repeat(257)), null, null, null, null, null, null));
    assertThat(
            parse(with(null, Collections.nCopies(80, "same"), null, null, null, null, null, null))
                .models())
        .containsExactly("same");
  }

  @Test
  void statusIsOkErrorOrACode() {
    assertThat(parse(with(null, null, null, "ok", null, null, null, null)).status())
        .isEqualTo(StatusFilter.OK);
    assertThat(parse(with(null, null, null, "ERROR", null, null, null, null)).status())
        .isEqualTo(StatusFilter.ERROR);
    assertThat(parse(with(null, null, null, "503", null, null, null, null)).status())
        .isEqualTo(StatusFilter.code(503));
    for (String bad : new String[] {"weird", "2xx", "1000", "20.0", "-5", "ok,error"}) {
      failsOn("status", with(null, null, null, bad, null, null, null, null));
    }
  }

  @Test
  void statusFiltersMatchLikeTheSql() {
    assertThat(StatusFilter.OK.matches(200)).isTrue();
    assertThat(StatusFilter.OK.matches(299)).isTrue();
    assertThat(StatusFilter.OK.matches(304)).isFalse();
    assertThat(StatusFilter.ERROR.matches(199)).isTrue();
    assertThat(StatusFilter.ERROR.matches(500)).isTrue();
    assertThat(StatusFilter.ERROR.matches(204)).isFalse();
    assertThat(StatusFilter.code(429).matches(429)).isTrue();
    assertThat(StatusFilter.code(429).matches(500)).isFalse();
  }

  @Test
  void fromAndToAreInstantsWithDefaultsOnEitherSide() {
    ActivityFilter onlyFrom =
        parse(with(null, null, null, null, "2026-11-20T00:00:00Z", null, null, null));
    assertThat(onlyFrom.range())
        .isEqualTo(new TimeRange(Instant.parse("2026-11-20T00:00:00Z"), NOW));

    ActivityFilter onlyTo =
        parse(with(null, null, null, null, null, "2026-11-20T00:00:00Z", null, null));
    assertThat(onlyTo.range())
        .isEqualTo(
            new TimeRange(
                Instant.parse("2026-11-19T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z")));

    // offsets, fractions, and an unencoded '+' that arrived as a space
    ActivityFilter offsets =
        parse(
            with(
                null,
                null,
                null,
                null,
                "2026-11-20T02:00:00.5 02:00",
                "2026-11-20T03:00:00+02:00",
                null,
                null));
    assertThat(offsets.range())
        .isEqualTo(
            new TimeRange(
                Instant.parse("2026-11-20T00:00:00.5Z"), Instant.parse("2026-11-20T01:00:00Z")));
  }

  @Test
  void badInstantsNameTheirParameter() {
    for (String bad : new String[] {"yesterday", "2026-11-20", "1700000000", "2026-13-01T00:00Z"}) {
      failsOn("from", with(null, null, null, null, bad, null, null, null));
      failsOn("to", with(null, null, null, null, null, bad, null, null));
    }
  }

  @Test
  void fromMustBeBeforeTo() {
    failsOn(
        "from",
        with(null, null, null, null, "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z", null, null));
    failsOn(
        "from",
        with(null, null, null, null, "2026-11-21T00:00:00Z", "2026-11-20T00:00:00Z", null, null));
    // from defaults to 24 h before to, so a 'from' later than now without 'to' is refused too
    failsOn("from", with(null, null, null, null, "2026-12-01T00:00:00Z", null, null, null));
  }

  @Test
  void theRangeIsAtMost400Days() {
    Instant to = Instant.parse("2026-11-20T00:00:00Z");
    assertThat(
            parse(
                    with(
                        null,
                        null,
                        null,
                        null,
                        to.minus(Duration.ofDays(400)).toString(),
                        to.toString(),
                        null,
                        null))
                .range()
                .span())
        .isEqualTo(Duration.ofDays(400));
    failsOn(
        "from",
        with(
            null,
            null,
            null,
            null,
            to.minus(Duration.ofDays(400)).minusSeconds(1).toString(),
            to.toString(),
            null,
            null));
  }

  @Test
  void limitIsOneTo500() {
    assertThat(parse(with(null, null, null, null, null, null, "1", null)).limit()).isEqualTo(1);
    assertThat(parse(with(null, null, null, null, null, null, "500", null)).limit()).isEqualTo(500);
    assertThat(parse(with(null, null, null, null, null, null, " 42 ", null)).limit()).isEqualTo(42);
    for (String bad : new String[] {"0", "501", "-1", "ten", "1.5", "99999999999"}) {
      failsOn("limit", with(null, null, null, null, null, null, bad, null));
    }
  }

  @Test
  void beforeIsACursor() {
    PageCursor cursor = new PageCursor(NOW.minusSeconds(5), "box-1", 2, 77);
    assertThat(parse(with(null, null, null, null, null, null, null, cursor.encode())).before())
        .isEqualTo(cursor);
    failsOn("before", with(null, null, null, null, null, null, null, "not-a-cursor"));
  }
}
