package dev.boocontrol.actionqueue.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CourtesyTest {

  private static final Instant NOW = Instant.parse("2026-08-22T16:30:14Z");
  private static final Duration WINDOW = Duration.ofSeconds(60);

  private static Courtesy.Use finished(String source, int secondsAgo) {
    return new Courtesy.Use("qwen3", source, NOW.minusSeconds(secondsAgo), false);
  }

  private static Courtesy.Decision decide(
      List<Courtesy.Use> finished,
      List<Courtesy.Use> inflight,
      List<Courtesy.Hold> holds,
      boolean takeover) {
    return Courtesy.decide(NOW, WINDOW, finished, inflight, holds, "me", takeover);
  }

  @Test
  void anIdleHostIsGranted() {
    Courtesy.Decision d = decide(List.of(), List.of(), List.of(), false);
    assertThat(d.proceed()).isTrue();
    assertThat(d.running()).isEmpty();
    assertThat(d.heldBy()).isEmpty();
  }

  @Test
  void ourOwnTrafficAndOldTrafficDoNotCount() {
    Courtesy.Decision d =
        decide(
            List.of(finished(Courtesy.OWN_SOURCE, 5), finished("open-webui", 61)),
            List.of(new Courtesy.Use("qwen3", Courtesy.OWN_SOURCE, NOW, true)),
            List.of(),
            false);
    assertThat(d.proceed()).isTrue();
  }

  @Test
  void recentForeignTrafficNeedsATakeoverAndSaysWhatRan() {
    Courtesy.Decision d =
        decide(
            List.of(finished("direct", 59), finished("open-webui", 3)),
            List.of(),
            List.of(),
            false);
    assertThat(d.proceed()).isFalse();
    assertThat(d.running())
        .extracting(Courtesy.Use::source)
        .containsExactly("open-webui", "direct");
    assertThat(d.summary()).contains("2 foreign requests finished in the last 60 s");
  }

  @Test
  void aForeignRequestInFlightNeedsATakeover() {
    Courtesy.Decision d =
        decide(
            List.of(), List.of(new Courtesy.Use("qwen3", "direct", NOW, true)), List.of(), false);
    assertThat(d.proceed()).isFalse();
    assertThat(d.summary()).contains("1 foreign request in flight");
  }

  @Test
  void anotherHoldersUnexpiredHoldNeedsATakeover() {
    Courtesy.Hold bench = new Courtesy.Hold("bench-7", "speed bench", NOW, NOW.plusSeconds(300));
    Courtesy.Hold expired = new Courtesy.Hold("bench-6", "old", NOW, NOW.minusSeconds(1));
    Courtesy.Hold mine = new Courtesy.Hold("me", "mine", NOW, NOW.plusSeconds(300));
    Courtesy.Decision d = decide(List.of(), List.of(), List.of(bench, expired, mine), false);
    assertThat(d.proceed()).isFalse();
    assertThat(d.heldBy()).containsExactly(bench);
    assertThat(d.summary()).contains("held by bench-7 for speed bench");
    assertThat(decide(List.of(), List.of(), List.of(expired, mine), false).proceed()).isTrue();
  }

  @Test
  void aConfirmedTakeoverProceedsAndSaysWhatItTookOver() {
    Courtesy.Decision d = decide(List.of(finished("open-webui", 3)), List.of(), List.of(), true);
    assertThat(d.proceed()).isTrue();
    assertThat(d.running()).hasSize(1);
    assertThat(d.summary()).startsWith("takeover confirmed over: 1 foreign request");
  }
}
