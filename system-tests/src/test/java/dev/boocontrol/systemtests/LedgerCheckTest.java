package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.systemtests.LedgerCheck.Gap;
import dev.boocontrol.systemtests.LedgerCheck.Lifetime;
import dev.boocontrol.systemtests.LedgerCheck.Row;
import dev.boocontrol.systemtests.LedgerCheck.StoredEpoch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The oracle itself must catch what it exists to catch. */
class LedgerCheckTest {

  private static final Instant BOOT_1 = Instant.parse("2026-11-25T10:00:00.123456789Z");
  private static final Instant BOOT_2 = Instant.parse("2026-11-25T11:00:00.987654321Z");

  private static Map<Long, Row> rows(long from, long to) {
    Map<Long, Row> out = new TreeMap<>();
    LongStream.rangeClosed(from, to).forEach(id -> out.put(id, new Row(id, "m", 200, id, 1)));
    return out;
  }

  private static Lifetime life(Instant boot, long rows, Set<Long> unannounced) {
    return new Lifetime(boot, rows(1, rows), unannounced);
  }

  private static final List<StoredEpoch> EPOCHS =
      List.of(new StoredEpoch(1, BOOT_1.plusNanos(-789)), new StoredEpoch(2, BOOT_2));

  @Test
  void everythingStoredOnceIsClean() {
    var result =
        LedgerCheck.check(
            List.of(life(BOOT_1, 5, Set.of()), life(BOOT_2, 3, Set.of())),
            EPOCHS,
            Map.of(1, rows(1, 5), 2, rows(1, 3)),
            List.of());

    assertThat(result.problems()).isEmpty();
    assertThat(result.stored()).isEqualTo(8);
  }

  @Test
  void aLackingRowNeedsAGap() {
    var lifetimes = List.of(life(BOOT_1, 5, Set.of()), life(BOOT_2, 3, Set.of()));
    Map<Integer, Map<Long, Row>> stored = Map.of(1, rows(1, 3), 2, rows(1, 3));

    assertThat(LedgerCheck.check(lifetimes, EPOCHS, stored, List.of()).problems())
        .containsExactly(
            "epoch 1 row 4 is lacking and no gap says so",
            "epoch 1 row 5 is lacking and no gap says so");
    assertThat(LedgerCheck.check(lifetimes, EPOCHS, stored, List.of(new Gap(1, 4, 5))).problems())
        .isEmpty();
  }

  @Test
  void aGapOverStoredRowsOrNothingIsFalse() {
    var lifetimes = List.of(life(BOOT_1, 5, Set.of()), life(BOOT_2, 3, Set.of()));
    Map<Integer, Map<Long, Row>> stored = Map.of(1, rows(1, 5), 2, rows(1, 3));

    assertThat(LedgerCheck.check(lifetimes, EPOCHS, stored, List.of(new Gap(1, 2, 2))).problems())
        .contains("epoch 1 row 2 is stored yet inside a gap")
        .anyMatch(p -> p.contains("covers no lacking row"));
  }

  @Test
  void aWrongRowIsCaught() {
    Map<Long, Row> wrong = rows(1, 5);
    wrong.put(3L, new Row(3, "other", 200, 3, 1));

    assertThat(
            LedgerCheck.check(
                    List.of(life(BOOT_1, 5, Set.of()), life(BOOT_2, 0, Set.of())),
                    EPOCHS,
                    Map.of(1, wrong),
                    List.of())
                .problems())
        .singleElement()
        .asString()
        .startsWith("epoch 1 row 3: stored");
  }

  @Test
  void anUnannouncedRowOfAnEndedProcessIsUnknowableNotAProblem() {
    var result =
        LedgerCheck.check(
            List.of(life(BOOT_1, 5, Set.of(5L)), life(BOOT_2, 3, Set.of(3L))),
            EPOCHS,
            Map.of(1, rows(1, 4), 2, rows(1, 2)),
            List.of());

    // Row 5 of the ended process could never be known; row 3 of the live one can still be fetched.
    assertThat(result.problems()).containsExactly("epoch 2 row 3 is lacking and no gap says so");
    assertThat(result.unknowable()).isEqualTo(1);
  }

  @Test
  void aProcessLifetimeNobodyStoredIsAProblem() {
    var result =
        LedgerCheck.check(
            List.of(life(BOOT_1, 2, Set.of()), life(BOOT_2, 2, Set.of())),
            List.of(new StoredEpoch(1, BOOT_1)),
            Map.of(1, rows(1, 2)),
            List.of());

    assertThat(result.problems()).singleElement().asString().contains("no epoch was stored");
  }
}
