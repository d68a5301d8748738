package dev.boocontrol.fleetconnector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boocontrol.fleetconnector.core.EpochEvent.Gap;
import dev.boocontrol.fleetconnector.core.EpochEvent.NewEpoch;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EpochTrackerTest {

  private static final Instant BOOT_1 = Instant.parse("2026-08-22T08:00:00Z");
  private static final Instant BOOT_2 = Instant.parse("2026-08-22T17:45:12Z");
  private static final long UNKNOWN = -1;

  private static EpochTracker brandNew() {
    return EpochTracker.firstSight();
  }

  private static List<Long> ids(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void brandNewHostStartsAtEpochOneFetchingFromOne() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isZero();
    assertThat(tracker.capturedAt()).isNull();
    assertThat(tracker.fetchFrom()).isEqualTo(1);
  }

  @Test
  void restoredStateIsKept() {
    EpochTracker tracker = new EpochTracker(4, BOOT_1, 812, true);

    assertThat(tracker.epoch()).isEqualTo(4);
    assertThat(tracker.capturedAt()).isEqualTo(BOOT_1);
    assertThat(tracker.cursor()).isEqualTo(812);
    assertThat(tracker.fetchFrom()).isEqualTo(813);
  }

  @Test
  void cleanSequenceAdvancesTheCursorWithoutEvents() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.onHardware(BOOT_1)).hasSize(1); // the first-sight announcement
    assertThat(tracker.onFetchedRows(ids(1, 3), 3)).isEmpty();
    tracker.onActivityNotice(4);
    assertThat(tracker.onFetchedRows(List.of(4L), 4)).isEmpty();
    tracker.onActivityNotice(5);
    tracker.onActivityNotice(6);
    assertThat(tracker.onFetchedRows(ids(5, 6), UNKNOWN)).isEmpty();

    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(6);
    assertThat(tracker.fetchFrom()).isEqualTo(7);
    assertThat(tracker.capturedAt()).isEqualTo(BOOT_1);
  }

  @Test
  void emptyFetchChangesNothing() {
    EpochTracker tracker = new EpochTracker(2, BOOT_1, 10, true);

    assertThat(tracker.onFetchedRows(List.of(), UNKNOWN)).isEmpty();
    assertThat(tracker.onFetchedRows(List.of(), 10)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.cursor()).isEqualTo(10);
  }

  @Test
  void pruneGapAfterALongDisconnect() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 100, true);

    // Away long enough for 1500 requests; metricsMaxInMemory=1000 kept only 601..1600.
    List<EpochEvent> events = tracker.onFetchedRows(ids(601, 1599), 1600);

    assertThat(events)
        .containsExactly(new Gap(1, 101, 600, "rows pruned by the host before they were fetched"));
    assertThat(tracker.cursor()).isEqualTo(1599);
    assertThat(tracker.onFetchedRows(List.of(1600L), 1600)).isEmpty();
    assertThat(tracker.cursor()).isEqualTo(1600);
  }

  @Test
  void pruneBetweenPagesShowsAsAGapInTheNextPage() {
    EpochTracker tracker = brandNew();
    tracker.onFetchedRows(ids(1, 999), UNKNOWN);

    assertThat(tracker.onFetchedRows(ids(1010, 1020), UNKNOWN))
        .containsExactly(new Gap(1, 1000, 1009, EpochTracker.REASON_PRUNED));
  }

  @Test
  void holeInsideABatchIsAGap() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.onFetchedRows(List.of(1L, 2L, 5L, 6L), UNKNOWN))
        .containsExactly(new Gap(1, 3, 4, EpochTracker.REASON_PRUNED));
    assertThat(tracker.cursor()).isEqualTo(6);
  }

  @Test
  void firstFetchOfABrandNewHostWithPrunedRowsIsAGap() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.onFetchedRows(ids(2001, 2005), 2005))
        .containsExactly(new Gap(1, 1, 2000, EpochTracker.REASON_PRUNED));
  }

  @Test
  void restartByCapturedAtWithNothingUnfetched() {
    EpochTracker tracker = brandNew();
    tracker.onHardware(BOOT_1);
    tracker.onActivityNotice(7);
    tracker.onFetchedRows(ids(1, 7), 7);

    List<EpochEvent> events = tracker.onHardware(BOOT_2);

    assertThat(events)
        .containsExactly(new NewEpoch(2, BOOT_2, "host restarted: captured_at changed"));
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.cursor()).isZero();
    assertThat(tracker.fetchFrom()).isEqualTo(1);
    assertThat(tracker.capturedAt()).isEqualTo(BOOT_2);
    assertThat(tracker.onFetchedRows(ids(1, 3), 3)).isEmpty();
    assertThat(tracker.cursor()).isEqualTo(3);
  }

  @Test
  void restartByCapturedAtWithNotifiedRowsNeverFetched() {
    EpochTracker tracker = new EpochTracker(3, BOOT_1, 40, true);
    tracker.onActivityNotice(41);
    tracker.onActivityNotice(43);
    tracker.onActivityNotice(42); // out of order: the highest counts

    List<EpochEvent> events = tracker.onHardware(BOOT_2);

    assertThat(events)
        .containsExactly(
            new NewEpoch(4, BOOT_2, "host restarted: captured_at changed"),
            new Gap(3, 41, 43, "host restarted before rows were fetched"));
    assertThat(tracker.epoch()).isEqualTo(4);
    assertThat(tracker.cursor()).isZero();
  }

  @Test
  void notifiedRowsAlreadyFetchedAreNotAGapOnRestart() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 0, true);
    tracker.onActivityNotice(5);
    tracker.onFetchedRows(ids(1, 6), UNKNOWN); // the fetch got further than the notices

    assertThat(tracker.onHardware(BOOT_2))
        .containsExactly(new NewEpoch(2, BOOT_2, EpochTracker.REASON_CAPTURED_AT));
  }

  @Test
  void firstCapturedAtIsOnlyRecorded() {
    EpochTracker tracker = new EpochTracker(2, null, 50, true);
    tracker.onActivityNotice(60);

    assertThat(tracker.onHardware(BOOT_1)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.cursor()).isEqualTo(50);
    assertThat(tracker.capturedAt()).isEqualTo(BOOT_1);
  }

  @Test
  void sameCapturedAtAfterAConfigReloadIsTheSameEpoch() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 50, true);

    assertThat(tracker.onHardware(Instant.parse("2026-08-22T08:00:00Z"))).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(50);
  }

  @Test
  void missingHardwareIsIgnored() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 50, true);

    assertThat(tracker.onHardware(null)).isEmpty();
    assertThat(tracker.capturedAt()).isEqualTo(BOOT_1);
    assertThat(tracker.epoch()).isEqualTo(1);
  }

  @Test
  void restartByIdsGoingBackwardsReportedMaxBelowCursor() {
    // A v236-v246 host (no /api/hardware): after a restart it has 12 rows, we were at 500.
    EpochTracker tracker = new EpochTracker(1, null, 500, true);

    List<EpochEvent> events = tracker.onFetchedRows(List.of(), 12);

    assertThat(events).containsExactly(new NewEpoch(2, null, "activity ids went backwards"));
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.cursor()).isZero();
    assertThat(tracker.fetchFrom()).isEqualTo(1);
    assertThat(tracker.onFetchedRows(ids(1, 12), 12)).isEmpty();
    assertThat(tracker.cursor()).isEqualTo(12);
  }

  @Test
  void restartByIdsGoingBackwardsReadsTheBatchInTheNewEpoch() {
    // An unfiltered read whose newest row (4) is the host's max: below our cursor.
    EpochTracker tracker = new EpochTracker(1, null, 500, true);

    List<EpochEvent> events = tracker.onFetchedRows(ids(1, 4), 4);

    assertThat(events).containsExactly(new NewEpoch(2, null, EpochTracker.REASON_IDS_BACKWARDS));
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.cursor()).isEqualTo(4);
  }

  @Test
  void batchBelowTheCursorWithoutAReportedMaxIsDuplicatesNotARestart() {
    // Could be a restart or a stale page; only the host's max id can tell, so no epoch.
    EpochTracker tracker = new EpochTracker(1, null, 500, true);

    assertThat(tracker.onFetchedRows(ids(1, 4), UNKNOWN)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(500);
  }

  @Test
  void restartByIdsWithPrunedRowsInTheNewEpochIsAGapThere() {
    EpochTracker tracker = new EpochTracker(1, null, 5000, true);

    List<EpochEvent> events = tracker.onFetchedRows(ids(1201, 1300), 1300);

    assertThat(events)
        .containsExactly(
            new NewEpoch(2, null, EpochTracker.REASON_IDS_BACKWARDS),
            new Gap(2, 1, 1200, EpochTracker.REASON_PRUNED));
    assertThat(tracker.cursor()).isEqualTo(1300);
  }

  @Test
  void restartByIdsWithNotifiedRowsNeverFetchedIsAGapInTheOldEpoch() {
    EpochTracker tracker = new EpochTracker(1, null, 500, true);
    tracker.onActivityNotice(502);

    assertThat(tracker.onFetchedRows(List.of(), 3))
        .containsExactly(
            new NewEpoch(2, null, EpochTracker.REASON_IDS_BACKWARDS),
            new Gap(1, 501, 502, EpochTracker.REASON_RESTART_LOST_ROWS));
  }

  @Test
  void capturedAtLearnedAfterAnIdsBackwardsEpochDoesNotStartAnother() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 500, true);
    tracker.onFetchedRows(List.of(), 3); // restart seen by ids first

    assertThat(tracker.capturedAt()).isNull();
    assertThat(tracker.onHardware(BOOT_2)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.capturedAt()).isEqualTo(BOOT_2);
  }

  @Test
  void reportedMaxEqualToCursorIsNotARestart() {
    EpochTracker tracker = new EpochTracker(1, null, 500, true);

    assertThat(tracker.onFetchedRows(List.of(), 500)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(500);
  }

  @Test
  void duplicatesAtOrBelowTheCursorAreIgnored() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 10, true);

    // An overlapping fetch (started before the cursor moved) and a repeated id.
    assertThat(tracker.onFetchedRows(List.of(8L, 9L, 10L, 11L, 11L, 12L), 12)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(12);
  }

  @Test
  void batchEndingAtTheCursorIsAllDuplicates() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 10, true);

    assertThat(tracker.onFetchedRows(ids(5, 10), UNKNOWN)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(10);
  }

  @Test
  void singleRowRefetchedAfterTheCursorPassedItIsADuplicate() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 41, true);

    // activity {42} fetched by id, while a reconnect fetch already got 42..45
    tracker.onFetchedRows(ids(42, 45), 45);

    assertThat(tracker.onFetchedRows(List.of(42L), 45)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
    assertThat(tracker.cursor()).isEqualTo(45);
  }

  @Test
  void noticeAtOrBelowTheCursorIsNoLoss() {
    EpochTracker tracker = new EpochTracker(1, BOOT_1, 0, true);
    tracker.onFetchedRows(ids(1, 9), 9);
    tracker.onActivityNotice(9); // the event came after the fetch

    assertThat(tracker.onHardware(BOOT_2))
        .containsExactly(new NewEpoch(2, BOOT_2, EpochTracker.REASON_CAPTURED_AT));
  }

  @Test
  void gapIsNeverReportedWhenNothingWasLost() {
    EpochTracker tracker = brandNew();
    tracker.onHardware(BOOT_1);

    for (long id = 1; id <= 50; id++) {
      tracker.onActivityNotice(id);
      if (id % 7 == 0) {
        assertThat(tracker.onFetchedRows(ids(tracker.fetchFrom(), id), id)).isEmpty();
      }
    }
    assertThat(tracker.onFetchedRows(ids(tracker.fetchFrom(), 50), 50)).isEmpty();
    assertThat(tracker.onHardware(BOOT_2))
        .containsExactly(new NewEpoch(2, BOOT_2, EpochTracker.REASON_CAPTURED_AT));
    assertThat(tracker.onFetchedRows(ids(1, 20), 20)).isEmpty();
  }

  @Test
  void legacyRingNumberingFromZeroKeepsRowZero() {
    // <= v235: /api/metrics returns the whole ring, ids from 0; its last id is the host's max.
    EpochTracker tracker = brandNew();

    assertThat(tracker.onFetchedRows(ids(0, 3), 3)).isEmpty();
    assertThat(tracker.cursor()).isEqualTo(3);
    // The whole ring again, plus one new row: only 4 is new.
    assertThat(tracker.onFetchedRows(ids(0, 4), 4)).isEmpty();
    assertThat(tracker.cursor()).isEqualTo(4);
    assertThat(tracker.epoch()).isEqualTo(1);
  }

  @Test
  void legacyRingAfterARestartStartsANewEpochAtRowZero() {
    EpochTracker tracker = new EpochTracker(1, null, 300, true);

    assertThat(tracker.onFetchedRows(ids(0, 2), 2))
        .containsExactly(new NewEpoch(2, null, EpochTracker.REASON_IDS_BACKWARDS));
    assertThat(tracker.cursor()).isEqualTo(2);
    assertThat(tracker.onFetchedRows(ids(0, 2), 2)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.cursor()).isEqualTo(2);
  }

  @Test
  void negativeIdsAreIgnored() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.onFetchedRows(List.of(-3L, 1L), UNKNOWN)).isEmpty();
    assertThat(tracker.cursor()).isEqualTo(1);
  }

  @Test
  void rejectsImpossibleRestoredState() {
    assertThatThrownBy(() -> new EpochTracker(0, null, 0, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EpochTracker(1, null, -1, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHostSeenForTheFirstTimeIsAnnouncedOnceWithItsProcessStart() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.onHardware(BOOT_1))
        .containsExactly(new NewEpoch(1, BOOT_1, EpochTracker.REASON_FIRST_SEEN));
    assertThat(tracker.onHardware(BOOT_1)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(1);
  }

  @Test
  void aHostWithoutHardwareEndpointIsStillAnnouncedOnce() {
    EpochTracker tracker = brandNew();

    assertThat(tracker.onHardware(null))
        .containsExactly(new NewEpoch(1, null, EpochTracker.REASON_FIRST_SEEN));
    assertThat(tracker.onHardware(null)).isEmpty();
  }

  @Test
  void aRestoredEpochIsNotAnnouncedAgain() {
    EpochTracker tracker = new EpochTracker(3, BOOT_1, 12, true);

    assertThat(tracker.onHardware(BOOT_1)).isEmpty();
  }

  @Test
  void aRestartSeenOnTheFirstConnectionAnnouncesTheNewEpochOnly() {
    EpochTracker tracker = new EpochTracker(3, BOOT_1, 12, false);

    assertThat(tracker.onHardware(BOOT_2))
        .containsExactly(new NewEpoch(4, BOOT_2, EpochTracker.REASON_CAPTURED_AT));
  }

  @Test
  void rewindFetchesUnpublishedRowsAgainInTheSameEpoch() {
    EpochTracker tracker = new EpochTracker(2, BOOT_1, 10, true);
    tracker.onFetchedRows(ids(11, 20), UNKNOWN);

    tracker.rewind(2, 10);

    assertThat(tracker.fetchFrom()).isEqualTo(11);
    assertThat(tracker.onFetchedRows(ids(11, 20), UNKNOWN)).isEmpty();
  }

  @Test
  void rewindIntoAnEpochThatEndedIsIgnored() {
    EpochTracker tracker = new EpochTracker(2, BOOT_1, 10, true);
    tracker.onHardware(BOOT_2);
    tracker.onFetchedRows(ids(1, 4), UNKNOWN);

    tracker.rewind(2, 0);

    assertThat(tracker.epoch()).isEqualTo(3);
    assertThat(tracker.cursor()).isEqualTo(4);
  }

  @Test
  void rewindNeverMovesTheCursorForward() {
    EpochTracker tracker = new EpochTracker(2, BOOT_1, 10, true);

    tracker.rewind(2, 30);

    assertThat(tracker.cursor()).isEqualTo(10);
  }

  @Test
  void aCapturedAtRestoredAtMicrosecondPrecisionIsTheSameProcess() {
    Instant reported = Instant.parse("2026-11-25T16:38:07.466697747Z");
    EpochTracker tracker =
        new EpochTracker(2, reported.truncatedTo(java.time.temporal.ChronoUnit.MICROS), 213, true);

    assertThat(tracker.onHardware(reported)).isEmpty();
    assertThat(tracker.epoch()).isEqualTo(2);
    assertThat(tracker.onHardware(reported.plusNanos(1000)))
        .containsExactly(
            new NewEpoch(
                3,
                reported.plusNanos(1000).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                EpochTracker.REASON_CAPTURED_AT));
  }
}
