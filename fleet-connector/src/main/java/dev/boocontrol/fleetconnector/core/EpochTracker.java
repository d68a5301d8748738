package dev.boocontrol.fleetconnector.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One host's activity epoch and fetch cursor. Activity ids restart at 1 when llama-swap restarts
 * (in-memory store), so rows are keyed by host, epoch and id; a restart starts a new epoch.
 *
 * <p>Restart markers, best first: {@code /api/hardware captured_at} changing ({@link #onHardware});
 * the host's ids going backwards ({@link #onFetchedRows}). The shell reads {@code /api/hardware}
 * before it fetches rows on every (re)connect, so rows of a new process are never filed under the
 * old epoch.
 *
 * <p>The shell fetches {@code /api/metrics/activity?min_id=fetchFrom()&order=asc}, paging by
 * advancing {@code min_id} (not {@code page=}), and hands every batch to {@link #onFetchedRows}.
 * After that call every row of the batch belongs to {@link #epoch()}; rows at or below the old
 * cursor are duplicates, harmless to publish again (the key is idempotent).
 *
 * <p>Not thread-safe: one instance per host, driven from that host's loop.
 */
public final class EpochTracker {

  static final String REASON_CAPTURED_AT = "host restarted: captured_at changed";
  static final String REASON_IDS_BACKWARDS = "activity ids went backwards";
  static final String REASON_RESTART_LOST_ROWS = "host restarted before rows were fetched";
  static final String REASON_PRUNED = "rows pruned by the host before they were fetched";
  static final String REASON_FIRST_SEEN = "first connection";

  private int epoch;
  private Instant capturedAt;
  private long cursor;
  private long highestNotifiedId;
  // Legacy rings (<= v235) number rows from 0; accept id 0 once per epoch, before any other row.
  private boolean fetchedInEpoch;
  // Whether the current epoch was ever announced (restored epochs were, by the run that saved
  // them).
  private boolean announced;

  /**
   * Restores the state saved in the database; a brand-new host is {@code (1, null, 0)}.
   *
   * @param capturedAt the process start this epoch belongs to; null when not known yet
   * @param cursor highest row id already fetched in this epoch; 0 when none
   * @param restored whether this state comes from the database (its epoch is already announced)
   */
  public EpochTracker(int epoch, Instant capturedAt, long cursor, boolean restored) {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1: " + epoch);
    }
    if (cursor < 0) {
      throw new IllegalArgumentException("cursor must be >= 0: " + cursor);
    }
    this.epoch = epoch;
    this.capturedAt = stored(capturedAt);
    this.cursor = cursor;
    this.highestNotifiedId = cursor;
    this.fetchedInEpoch = cursor > 0;
    this.announced = restored;
  }

  /** A host seen for the first time: epoch 1, nothing fetched, not announced yet. */
  public static EpochTracker firstSight() {
    return new EpochTracker(1, null, 0, false);
  }

  /**
   * {@code /api/hardware} answered with this process start (null: endpoint missing, 503). The first
   * value ever seen is just recorded; a different one means the host restarted. The first call for
   * a host never seen before also announces its first epoch, once.
   */
  public List<EpochEvent> onHardware(Instant reportedCapturedAt) {
    Instant newCapturedAt = stored(reportedCapturedAt);
    List<EpochEvent> events = new ArrayList<>();
    if (newCapturedAt != null && !newCapturedAt.equals(capturedAt)) {
      if (capturedAt == null) {
        capturedAt = newCapturedAt;
      } else {
        events.addAll(startNewEpoch(newCapturedAt, REASON_CAPTURED_AT));
      }
    }
    if (!announced) {
      announced = true;
      events.add(0, new EpochEvent.NewEpoch(epoch, capturedAt, REASON_FIRST_SEEN));
    }
    return events;
  }

  /**
   * Rows after {@code cursor} of {@code epoch} were fetched but could not be handed on: fetch them
   * again. Ignored when the epoch has moved on meanwhile (that process is gone).
   */
  public void rewind(int epoch, long cursor) {
    if (epoch == this.epoch && cursor < this.cursor) {
      this.cursor = cursor;
    }
  }

  /** An {@code activity {id}} event: that row exists on the host in the current epoch. */
  public void onActivityNotice(long id) {
    highestNotifiedId = Math.max(highestNotifiedId, id);
  }

  /**
   * A batch of fetched row ids, ascending.
   *
   * <p>The host's ids went backwards (it restarted) when its highest id is below the cursor. Only
   * {@code totalReportedMaxId} can say so: the host's highest id when the caller knows it (a {@code
   * ?order=desc&limit=1} read on reconnect, or the last row of a legacy whole-ring read), -1
   * otherwise. That starts a new epoch, and the batch is read in it. Ids in the batch at or below
   * the cursor are duplicates and ignored, never a restart: an overlapping page or a by-id re-fetch
   * of a row already fetched looks exactly like that, and a false epoch would file known rows under
   * new keys.
   *
   * <p>Every jump of the cursor (first new id above {@code cursor + 1}, or a hole between ids) is a
   * gap: the host pruned those rows ({@code metricsMaxInMemory}) before we fetched them.
   */
  public List<EpochEvent> onFetchedRows(List<Long> ascendingIds, long totalReportedMaxId) {
    Objects.requireNonNull(ascendingIds, "ascendingIds");
    List<EpochEvent> events = new ArrayList<>();
    if (totalReportedMaxId >= 0 && totalReportedMaxId < cursor) {
      events.addAll(startNewEpoch(null, REASON_IDS_BACKWARDS));
    }
    for (long id : ascendingIds) {
      if (id == 0 && !fetchedInEpoch) {
        fetchedInEpoch = true;
        continue;
      }
      if (id <= cursor) {
        continue; // duplicate (or a negative id, which no host sends)
      }
      if (id > cursor + 1) {
        events.add(new EpochEvent.Gap(epoch, cursor + 1, id - 1, REASON_PRUNED));
      }
      cursor = id;
      fetchedInEpoch = true;
    }
    highestNotifiedId = Math.max(highestNotifiedId, cursor);
    return events;
  }

  public int epoch() {
    return epoch;
  }

  /** Highest row id fetched in this epoch; 0 when none. */
  public long cursor() {
    return cursor;
  }

  /** Process start of the current epoch; null when not known. */
  public Instant capturedAt() {
    return capturedAt;
  }

  /** The {@code min_id} of the next fetch. */
  public long fetchFrom() {
    return cursor + 1;
  }

  /**
   * llama-swap reports {@code captured_at} in nanoseconds; the database keeps microseconds. Both
   * sides compare at the stored precision, or a restored epoch would look like a restart.
   */
  private static Instant stored(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  private List<EpochEvent> startNewEpoch(Instant newCapturedAt, String reason) {
    List<EpochEvent> events = new ArrayList<>();
    int oldEpoch = epoch;
    long lostFrom = cursor + 1;
    long lostTo = highestNotifiedId;
    epoch++;
    capturedAt = newCapturedAt;
    cursor = 0;
    highestNotifiedId = 0;
    fetchedInEpoch = false;
    announced = true;
    events.add(new EpochEvent.NewEpoch(epoch, newCapturedAt, reason));
    if (lostTo >= lostFrom) {
      events.add(new EpochEvent.Gap(oldEpoch, lostFrom, lostTo, REASON_RESTART_LOST_ROWS));
    }
    return events;
  }
}
