package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPlanTest {

  private static final Duration HOUR = Duration.ofHours(1);

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void hourlyWindowsFromTheOldestRowUpToTheCutoff() {
    List<DeleteChunk> chunks =
        RetentionPlan.chunks(
            Map.of("gpu-1", at("2026-08-20T10:17:00Z")), at("2026-08-20T13:30:00Z"), HOUR);

    assertThat(chunks)
        .containsExactly(
            new DeleteChunk("gpu-1", at("2026-08-20T10:00:00Z"), at("2026-08-20T11:00:00Z")),
            new DeleteChunk("gpu-1", at("2026-08-20T11:00:00Z"), at("2026-08-20T12:00:00Z")),
            new DeleteChunk("gpu-1", at("2026-08-20T12:00:00Z"), at("2026-08-20T13:00:00Z")),
            new DeleteChunk("gpu-1", at("2026-08-20T13:00:00Z"), at("2026-08-20T13:30:00Z")));
  }

  @Test
  void anAlignedCutoffEndsWithAFullWindowAndNoEmptyOne() {
    List<DeleteChunk> chunks =
        RetentionPlan.chunks(
            Map.of("gpu-1", at("2026-08-20T10:00:00Z")), at("2026-08-20T12:00:00Z"), HOUR);

    assertThat(chunks)
        .containsExactly(
            new DeleteChunk("gpu-1", at("2026-08-20T10:00:00Z"), at("2026-08-20T11:00:00Z")),
            new DeleteChunk("gpu-1", at("2026-08-20T11:00:00Z"), at("2026-08-20T12:00:00Z")));
  }

  @Test
  void severalHostsAreInterleavedOldestFirstThenByHost() {
    Map<String, Instant> oldest =
        Map.of(
            "gpu-b", at("2026-08-20T10:59:59Z"),
            "gpu-a", at("2026-08-20T11:05:00Z"),
            "gpu-c", at("2026-08-20T10:00:00Z"));

    List<DeleteChunk> chunks = RetentionPlan.chunks(oldest, at("2026-08-20T12:00:00Z"), HOUR);

    assertThat(chunks)
        .extracting(c -> c.hostId() + "@" + c.from())
        .containsExactly(
            "gpu-b@2026-08-20T10:00:00Z",
            "gpu-c@2026-08-20T10:00:00Z",
            "gpu-a@2026-08-20T11:00:00Z",
            "gpu-b@2026-08-20T11:00:00Z",
            "gpu-c@2026-08-20T11:00:00Z");
  }

  @Test
  void hostsWithNothingOldEnoughOrNoRowsGetNoWindow() {
    Map<String, Instant> oldest = new HashMap<>();
    oldest.put("at-cutoff", at("2026-08-20T12:00:00Z"));
    oldest.put("after-cutoff", at("2026-08-21T00:00:00Z"));
    oldest.put("no-rows", null);
    oldest.put("just-before", at("2026-08-20T11:59:59.999999Z"));

    List<DeleteChunk> chunks = RetentionPlan.chunks(oldest, at("2026-08-20T12:00:00Z"), HOUR);

    assertThat(chunks)
        .containsExactly(
            new DeleteChunk("just-before", at("2026-08-20T11:00:00Z"), at("2026-08-20T12:00:00Z")));
  }

  @Test
  void everyWindowIsBoundedAndEndsAtOrBeforeTheCutoff() {
    Instant cutoff = at("2026-08-22T16:29:35Z");
    List<DeleteChunk> chunks =
        RetentionPlan.chunks(Map.of("gpu-1", at("2026-08-20T16:29:35Z")), cutoff, HOUR);

    assertThat(chunks).hasSize(49);
    assertThat(chunks)
        .allSatisfy(
            c -> {
              assertThat(c.to()).isAfter(c.from()).isBeforeOrEqualTo(cutoff);
              assertThat(Duration.between(c.from(), c.to())).isLessThanOrEqualTo(HOUR);
            });
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).from()).isEqualTo(chunks.get(i - 1).to());
    }
  }

  @Test
  void otherChunkSizesAlignToTheirOwnMultiples() {
    List<DeleteChunk> chunks =
        RetentionPlan.chunks(
            Map.of("gpu-1", at("2026-08-20T10:47:00Z")),
            at("2026-08-20T11:10:00Z"),
            Duration.ofMinutes(15));

    assertThat(chunks)
        .extracting(DeleteChunk::from)
        .containsExactly(at("2026-08-20T10:45:00Z"), at("2026-08-20T11:00:00Z"));
  }

  @Test
  void noHostsNoWindows() {
    assertThat(RetentionPlan.chunks(Map.of(), at("2026-08-20T12:00:00Z"), HOUR)).isEmpty();
  }

  @Test
  void rejectsAChunkThatIsNotPositive() {
    Map<String, Instant> oldest = Map.of("gpu-1", at("2026-08-20T10:00:00Z"));
    Instant cutoff = at("2026-08-20T12:00:00Z");

    assertThatThrownBy(() -> RetentionPlan.chunks(oldest, cutoff, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk");
    assertThatThrownBy(() -> RetentionPlan.chunks(oldest, cutoff, Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk");
  }

  @Test
  void aDeleteChunkCannotBeEmpty() {
    Instant t = at("2026-08-20T10:00:00Z");
    assertThatThrownBy(() -> new DeleteChunk("gpu-1", t, t))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
