package dev.boocontrol.fleetconnector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.llamaswap.core.model.InflightEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentInflightTest {

  // The activity row: finished at 16:30:14 (whole seconds), took 4 s.
  private static final Instant FINISHED = Instant.parse("2026-08-22T16:30:14Z");
  private static final long DURATION_MS = 4000;
  private static final Instant EXPECTED_START = Instant.parse("2026-08-22T16:30:10Z");
  private static final String CHAT = "/v1/chat/completions";

  static InflightEntry entry(String id, Instant start, String model, String path, String source) {
    Map<String, String> headers =
        source == null
            ? Map.of("Content-Type", "application/json")
            : Map.of("X-Boo-Source", source);
    return new InflightEntry(
        id,
        OffsetDateTime.ofInstant(start, ZoneOffset.ofHours(2)),
        model,
        path,
        "POST",
        headers,
        "10.0.0.9",
        Map.of(),
        0,
        0,
        Map.of());
  }

  private static InflightEntry entryAt(String id, Instant start) {
    return entry(id, start, "qwen3-30b", CHAT, "bench");
  }

  @Test
  void claimsTheEntryWithSameModelPathAndStartTime() {
    RecentInflight recent = new RecentInflight(10);
    InflightEntry entry = entryAt("7", EXPECTED_START.plusMillis(420));
    recent.remember(entry);

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(entry);
  }

  @Test
  void anEntryIsNeverClaimedTwice() {
    RecentInflight recent = new RecentInflight(10);
    recent.remember(entryAt("7", EXPECTED_START));

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isPresent();
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isEmpty();
  }

  @Test
  void lateUpsertOfAClaimedEntryStaysClaimed() {
    RecentInflight recent = new RecentInflight(10);
    recent.remember(entryAt("7", EXPECTED_START));
    recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS);

    recent.remember(entryAt("7", EXPECTED_START));

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isEmpty();
    assertThat(recent.size()).isEqualTo(1);
  }

  @Test
  void upsertKeepsTheLatestHeaders() {
    RecentInflight recent = new RecentInflight(10);
    recent.remember(entry("7", EXPECTED_START, "qwen3-30b", CHAT, null));
    InflightEntry latest = entry("7", EXPECTED_START, "qwen3-30b", CHAT, "evals");
    recent.remember(latest);

    assertThat(recent.size()).isEqualTo(1);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(latest);
  }

  @Test
  void reusedIdAfterAReloadIsADifferentRequest() {
    RecentInflight recent = new RecentInflight(10);
    InflightEntry beforeReload = entryAt("1", EXPECTED_START);
    InflightEntry afterReload = entryAt("1", EXPECTED_START.plusSeconds(60));
    recent.remember(beforeReload);
    recent.remember(afterReload);

    assertThat(recent.size()).isEqualTo(2);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(beforeReload);
  }

  @Test
  void picksTheStartClosestToFinishMinusDuration() {
    RecentInflight recent = new RecentInflight(10);
    InflightEntry early = entryAt("1", EXPECTED_START.minusMillis(1500));
    InflightEntry close = entryAt("2", EXPECTED_START.plusMillis(300));
    InflightEntry late = entryAt("3", EXPECTED_START.plusMillis(900));
    recent.remember(early);
    recent.remember(close);
    recent.remember(late);

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(close);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(late);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(early);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isEmpty();
  }

  @Test
  void tieGoesToTheEntryRememberedFirst() {
    RecentInflight recent = new RecentInflight(10);
    InflightEntry first = entryAt("1", EXPECTED_START.minusMillis(200));
    InflightEntry second = entryAt("2", EXPECTED_START.plusMillis(200));
    recent.remember(first);
    recent.remember(second);

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(first);
  }

  @Test
  void windowBoundsAreInclusive() {
    // [finished - duration - 2s, finished + 1s] = [16:30:08, 16:30:15]
    RecentInflight recent = new RecentInflight(10);
    InflightEntry lowest = entryAt("1", Instant.parse("2026-08-22T16:30:08Z"));
    InflightEntry highest = entryAt("2", Instant.parse("2026-08-22T16:30:15Z"));
    recent.remember(lowest);
    recent.remember(highest);

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(lowest);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).contains(highest);
  }

  @Test
  void startsOutsideTheWindowAreNotMatched() {
    RecentInflight recent = new RecentInflight(10);
    recent.remember(entryAt("1", Instant.parse("2026-08-22T16:30:07.999Z")));
    recent.remember(entryAt("2", Instant.parse("2026-08-22T16:30:15.001Z")));

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isEmpty();
  }

  @Test
  void modelAndPathMustMatchExactly() {
    RecentInflight recent = new RecentInflight(10);
    recent.remember(entry("1", EXPECTED_START, "gemma3-12b", CHAT, "bench"));
    recent.remember(entry("2", EXPECTED_START, "qwen3-30b", "/v1/embeddings", "bench"));

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isEmpty();
    assertThat(recent.claim("gemma3-12b", CHAT, FINISHED, DURATION_MS)).isPresent();
  }

  @Test
  void oldestEntriesAreForgottenBeyondCapacity() {
    RecentInflight recent = new RecentInflight(2);
    recent.remember(entryAt("1", EXPECTED_START));
    recent.remember(entryAt("2", EXPECTED_START.plusSeconds(30)));
    recent.remember(entryAt("3", EXPECTED_START.plusSeconds(60)));

    assertThat(recent.size()).isEqualTo(2);
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, DURATION_MS)).isEmpty();
    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED.plusSeconds(30), DURATION_MS))
        .map(InflightEntry::id)
        .contains("2");
  }

  @Test
  void entriesWithoutAStartTimeAreNotKept() {
    RecentInflight recent = new RecentInflight(2);
    recent.remember(
        new InflightEntry("1", null, "qwen3-30b", CHAT, "POST", null, null, null, 0, 0, null));

    assertThat(recent.size()).isZero();
  }

  @Test
  void negativeDurationCountsAsZero() {
    RecentInflight recent = new RecentInflight(2);
    InflightEntry entry = entryAt("1", FINISHED);
    recent.remember(entry);

    assertThat(recent.claim("qwen3-30b", CHAT, FINISHED, -5)).contains(entry);
  }

  @Test
  void rejectsZeroCapacity() {
    assertThatThrownBy(() -> new RecentInflight(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
