package dev.boocontrol.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityLedgerTest {

  private static final Instant T1 = Instant.parse("2026-08-22T16:00:00.123456789Z");
  private static final Instant T2 = Instant.parse("2026-08-22T16:05:00.5Z");
  private static final Instant T3 = Instant.parse("2026-08-22T16:09:00Z");

  private static ActivityDraft draft(String model, int status, int input, int output) {
    return ActivityDraft.of(
        T1,
        model,
        "/v1/chat/completions",
        "application/json",
        status,
        0,
        input,
        output,
        800,
        40,
        100,
        null,
        Map.of());
  }

  /** Rows go through a real store, as on the host, so ids come from the store. */
  private static void add(ActivityLedger ledger, ActivityStore store, int n, String model) {
    for (int i = 0; i < n; i++) {
      ledger.record(store.add(draft(model, 200, 10 + i, 5 + i)));
    }
  }

  private static List<Long> ids(ActivityLedger.Epoch epoch) {
    return epoch.rows().stream().map(ActivityLedger.Row::id).toList();
  }

  @Test
  void rowsAreGroupedByEpochInIdOrderWithTheFieldsThatMatter() {
    ActivityLedger ledger = new ActivityLedger();
    ledger.beginEpoch(T1);
    ActivityStore first = new ActivityStore(2); // the store forgets; the ledger does not
    add(ledger, first, 3, "a");
    ledger.record(first.add(draft("b", 503, 0, 0)));
    ledger.beginEpoch(T2);
    add(ledger, new ActivityStore(2), 1, "c");

    ActivityLedger.Snapshot snap = ledger.snapshot();
    assertThat(snap.truncated()).isFalse();
    assertThat(snap.epochs()).hasSize(2);
    ActivityLedger.Epoch e1 = snap.epochs().get(0);
    assertThat(e1.capturedAt()).isEqualTo(T1);
    assertThat(e1.lastId()).isEqualTo(4);
    assertThat(ids(e1)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(e1.rows().get(1))
        .isEqualTo(new ActivityLedger.Row(2, "a", "/v1/chat/completions", 200, 11, 6, true));
    assertThat(e1.rows().get(3))
        .isEqualTo(new ActivityLedger.Row(4, "b", "/v1/chat/completions", 503, 0, 0, true));
    ActivityLedger.Epoch e2 = snap.epochs().get(1);
    assertThat(e2.capturedAt()).isEqualTo(T2);
    assertThat(ids(e2)).containsExactly(1L);
    assertThat(e2.rows().get(0).model()).isEqualTo("c");
    assertThat(ledger.size()).isEqualTo(5);
  }

  @Test
  void jsonHasSnakeCaseKeysAndCapturedAtAsApiHardwarePrintsIt() {
    ActivityLedger ledger = new ActivityLedger();
    ledger.beginEpoch(T1);
    ledger.record(new ActivityStore(0).add(draft("a", 200, 12, 6)));
    ledger.beginEpoch(T3);

    String hardwareCapturedAt =
        GoJson.write(PerfModel.hardware(SimConfigParser.parse("models: {m: {}}\n", "t"), T1))
            .split("\"captured_at\":\"")[1];
    assertThat(hardwareCapturedAt).startsWith("2026-08-22T16:00:00.123456789Z\"");
    assertThat(GoJson.write(ledger.snapshot()))
        .isEqualTo(
            "{\"truncated\":false,\"epochs\":["
                + "{\"captured_at\":\"2026-08-22T16:00:00.123456789Z\",\"last_id\":1,\"rows\":["
                + "{\"id\":1,\"model\":\"a\",\"req_path\":\"/v1/chat/completions\",\"status\":200,"
                + "\"input_tokens\":12,\"output_tokens\":6,\"announced\":true}]},"
                + "{\"captured_at\":\"2026-08-22T16:09:00Z\",\"last_id\":0,\"rows\":[]}]}");
  }

  @Test
  void beyondTheCapTheOldestEpochsOldestRowsGoFirst() {
    ActivityLedger ledger = new ActivityLedger(5);
    ledger.beginEpoch(T1);
    add(ledger, new ActivityStore(0), 3, "a");
    ledger.beginEpoch(T2);
    ActivityStore second = new ActivityStore(0);
    add(ledger, second, 2, "b");
    assertThat(ledger.snapshot().truncated()).as("exactly at the cap").isFalse();

    add(ledger, second, 2, "b");
    ActivityLedger.Snapshot snap = ledger.snapshot();
    assertThat(snap.truncated()).isTrue();
    assertThat(ids(snap.epochs().get(0))).containsExactly(3L);
    assertThat(ids(snap.epochs().get(1))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(ledger.size()).isEqualTo(5);

    add(ledger, second, 2, "b");
    snap = ledger.snapshot();
    assertThat(snap.epochs()).as("an emptied epoch stays listed").hasSize(2);
    assertThat(snap.epochs().get(0).lastId()).isEqualTo(3);
    assertThat(snap.epochs().get(0).rows()).isEmpty();
    assertThat(ids(snap.epochs().get(1))).containsExactly(2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void clearKeepsOnlyTheCurrentEpochAndItsLastId() {
    ActivityLedger ledger = new ActivityLedger(2);
    ledger.beginEpoch(T1);
    add(ledger, new ActivityStore(0), 1, "a");
    ledger.beginEpoch(T2);
    ActivityStore store = new ActivityStore(0);
    add(ledger, store, 3, "a");
    assertThat(ledger.snapshot().truncated()).isTrue();

    ledger.clear();
    ActivityLedger.Snapshot snap = ledger.snapshot();
    assertThat(snap.truncated()).isFalse();
    assertThat(snap.epochs()).hasSize(1);
    assertThat(snap.epochs().get(0).capturedAt()).isEqualTo(T2);
    assertThat(snap.epochs().get(0).lastId()).isEqualTo(3);
    assertThat(snap.epochs().get(0).rows()).isEmpty();
    assertThat(ledger.size()).isZero();

    add(ledger, store, 1, "a");
    assertThat(ids(ledger.snapshot().epochs().get(0))).containsExactly(4L);
  }

  @Test
  void snapshotsAreCopies() {
    ActivityLedger ledger = new ActivityLedger();
    ledger.beginEpoch(T1);
    ActivityStore store = new ActivityStore(0);
    add(ledger, store, 1, "a");
    ActivityLedger.Snapshot before = ledger.snapshot();
    add(ledger, store, 1, "a");
    assertThat(ids(before.epochs().get(0))).containsExactly(1L);
    assertThat(before.epochs().get(0).lastId()).isEqualTo(1);
  }

  @Test
  void misuseFailsLoudly() {
    ActivityLedger ledger = new ActivityLedger();
    ActivityRow row = new ActivityStore(0).add(draft("a", 200, 1, 1));
    assertThatThrownBy(() -> ledger.record(row))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("beginEpoch");
    ledger.beginEpoch(T1);
    ledger.record(row);
    assertThatThrownBy(() -> ledger.record(row))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("activity id 1 after 1");
    assertThatThrownBy(() -> new ActivityLedger(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRowNobodyCouldHearOfIsMarkedUnannounced() {
    ActivityLedger ledger = new ActivityLedger();
    ledger.beginEpoch(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    ActivityStore store = new ActivityStore(0);

    ledger.record(store.add(draft("a", 200, 1, 1)), false);
    ledger.record(store.add(draft("a", 200, 1, 1)));

    assertThat(ledger.snapshot().epochs().get(0).rows())
        .extracting(ActivityLedger.Row::announced)
        .containsExactly(false, true);
  }
}
