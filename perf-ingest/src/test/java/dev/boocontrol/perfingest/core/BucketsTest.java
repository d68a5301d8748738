package dev.boocontrol.perfingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketsTest {

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void floorsToFiveMinutes() {
    assertThat(Buckets.bucketStart(at("2026-08-22T16:29:35.412880Z")))
        .isEqualTo(at("2026-08-22T16:25:00Z"));
    assertThat(Buckets.bucketStart(at("2026-08-22T16:34:59.999999999Z")))
        .isEqualTo(at("2026-08-22T16:30:00Z"));
  }

  @Test
  void aBucketStartIsItsOwnBucket() {
    assertThat(Buckets.bucketStart(at("2026-08-22T16:30:00Z")))
        .isEqualTo(at("2026-08-22T16:30:00Z"));
  }

  @Test
  void floorsInstantsBeforeTheEpochDownwards() {
    assertThat(Buckets.bucketStart(at("1969-12-31T23:58:00.5Z")))
        .isEqualTo(at("1969-12-31T23:55:00Z"));
  }

  @Test
  void bucketsBetweenCoversEveryBucketOverlappingTheHalfOpenRange() {
    assertThat(Buckets.bucketsBetween(at("2026-08-22T10:02:00Z"), at("2026-08-22T10:10:00Z")))
        .containsExactly(at("2026-08-22T10:00:00Z"), at("2026-08-22T10:05:00Z"));
    assertThat(Buckets.bucketsBetween(at("2026-08-22T10:00:00Z"), at("2026-08-22T10:10:00.001Z")))
        .containsExactly(
            at("2026-08-22T10:00:00Z"), at("2026-08-22T10:05:00Z"), at("2026-08-22T10:10:00Z"));
  }

  @Test
  void bucketsBetweenAnHourGivesTwelve() {
    assertThat(Buckets.bucketsBetween(at("2026-08-22T10:00:00Z"), at("2026-08-22T11:00:00Z")))
        .hasSize(12)
        .first()
        .isEqualTo(at("2026-08-22T10:00:00Z"));
  }

  @Test
  void bucketsBetweenAnEmptyOrReversedRangeIsEmpty() {
    Instant t = at("2026-08-22T10:02:00Z");
    assertThat(Buckets.bucketsBetween(t, t)).isEmpty();
    assertThat(Buckets.bucketsBetween(t, t.minusSeconds(600))).isEmpty();
  }

  @Test
  void aRangeInsideOneBucketGivesThatBucket() {
    assertThat(Buckets.bucketsBetween(at("2026-08-22T10:01:00Z"), at("2026-08-22T10:01:01Z")))
        .containsExactly(at("2026-08-22T10:00:00Z"));
  }
}
