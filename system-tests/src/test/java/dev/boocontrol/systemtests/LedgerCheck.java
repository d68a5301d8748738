package dev.boocontrol.systemtests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exactly-once oracle: compares what one simulated host produced (its ledger, every row of
 * every process lifetime) with what BooControl stored for it (epochs, rows, gap windows).
 *
 * <ul>
 *   <li>each stored epoch is one host process lifetime, matched by {@code captured_at} (an epoch
 *       stored without one takes the next lifetime after its predecessor's);
 *   <li>each stored row equals the host's row with that id in that lifetime;
 *   <li>each row the host produced but BooControl lacks lies inside a gap window of that epoch,
 *       unless no client could ever learn of it: no event stream heard of it and its process ended
 *       before it could be fetched (a request finishing while the host shuts down);
 *   <li>each gap window covers at least one lacking row and no stored one.
 * </ul>
 */
final class LedgerCheck {

  record Row(long id, String model, int status, long inputTokens, long outputTokens) {}

  /**
   * One host process lifetime.
   *
   * @param unannounced ids of rows made while no event stream was listening
   */
  record Lifetime(Instant capturedAt, Map<Long, Row> rows, Set<Long> unannounced) {}

  record StoredEpoch(int epoch, Instant capturedAt) {}

  record Gap(int epoch, long fromId, long toId) {
    boolean covers(long id) {
      return id >= fromId && id <= toId;
    }
  }

  /** What the comparison found; {@link #problems} empty means exactly once. */
  record Result(
      List<String> problems, int produced, int stored, int lacking, int unknowable, int gaps) {
    String summary(String host) {
      return String.format(
          "%s: produced %d rows, stored %d, lacking %d (%d inside %d gap windows, %d unknowable)",
          host, produced, stored, lacking, lacking - unknowable, gaps, unknowable);
    }
  }

  private LedgerCheck() {}

  static Result check(
      List<Lifetime> lifetimes,
      List<StoredEpoch> epochs,
      Map<Integer, Map<Long, Row>> storedRows,
      List<Gap> gaps) {
    List<String> problems = new ArrayList<>();
    Map<Integer, Integer> lifetimeOfEpoch = new TreeMap<>();
    int previous = -1;
    for (StoredEpoch e : epochs.stream().sorted((a, b) -> a.epoch() - b.epoch()).toList()) {
      int match = -1;
      if (e.capturedAt() != null) {
        for (int i = 0; i < lifetimes.size(); i++) {
          if (micros(lifetimes.get(i).capturedAt()).equals(micros(e.capturedAt()))) {
            match = i;
          }
        }
      } else if (previous + 1 < lifetimes.size()) {
        match = previous + 1;
      }
      if (match < 0) {
        problems.add("stored epoch " + e.epoch() + " matches no host process lifetime");
        continue;
      }
      if (match <= previous) {
        problems.add("stored epoch " + e.epoch() + " repeats lifetime " + match);
      }
      lifetimeOfEpoch.put(e.epoch(), match);
      previous = match;
    }
    for (Integer epoch : storedRows.keySet()) {
      if (!lifetimeOfEpoch.containsKey(epoch)) {
        problems.add("rows stored under epoch " + epoch + " which has no epoch row");
      }
    }

    int produced = 0;
    int stored = 0;
    int lacking = 0;
    int unknowable = 0;
    Set<Integer> seenLifetimes = new TreeSet<>(lifetimeOfEpoch.values());
    for (int i = 0; i < lifetimes.size(); i++) {
      produced += lifetimes.get(i).rows().size();
      if (!seenLifetimes.contains(i) && !lifetimes.get(i).rows().isEmpty()) {
        problems.add(
            "lifetime "
                + lifetimes.get(i).capturedAt()
                + " produced "
                + lifetimes.get(i).rows().size()
                + " rows but no epoch was stored for it");
        lacking += lifetimes.get(i).rows().size();
      }
    }
    for (Map.Entry<Integer, Integer> m : lifetimeOfEpoch.entrySet()) {
      int epoch = m.getKey();
      Lifetime lifetime = lifetimes.get(m.getValue());
      boolean ended = m.getValue() < lifetimes.size() - 1;
      Map<Long, Row> host = lifetime.rows();
      Map<Long, Row> ours = storedRows.getOrDefault(epoch, Map.of());
      List<Gap> epochGaps = gaps.stream().filter(g -> g.epoch() == epoch).toList();
      for (Row row : ours.values()) {
        stored++;
        Row truth = host.get(row.id());
        if (!Objects.equals(truth, row)) {
          problems.add(
              "epoch " + epoch + " row " + row.id() + ": stored " + row + ", host " + truth);
        }
        if (epochGaps.stream().anyMatch(g -> g.covers(row.id()))) {
          problems.add("epoch " + epoch + " row " + row.id() + " is stored yet inside a gap");
        }
      }
      for (long id : host.keySet()) {
        if (!ours.containsKey(id)) {
          lacking++;
          if (epochGaps.stream().anyMatch(g -> g.covers(id))) {
            continue;
          }
          if (ended && lifetime.unannounced().contains(id)) {
            unknowable++;
          } else {
            problems.add("epoch " + epoch + " row " + id + " is lacking and no gap says so");
          }
        }
      }
      for (Gap g : epochGaps) {
        boolean coversLacking = false;
        for (long id = g.fromId(); id <= g.toId() && !coversLacking; id++) {
          coversLacking = host.containsKey(id) && !ours.containsKey(id);
        }
        if (!coversLacking) {
          problems.add("gap " + g + " covers no lacking row");
        }
      }
    }
    for (Gap g : gaps) {
      if (!lifetimeOfEpoch.containsKey(g.epoch())) {
        problems.add("gap " + g + " is in an unknown epoch");
      }
    }
    return new Result(problems, produced, stored, lacking, unknowable, gaps.size());
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }
}
