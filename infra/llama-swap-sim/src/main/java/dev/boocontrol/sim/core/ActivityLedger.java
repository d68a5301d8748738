package dev.boocontrol.sim.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every activity row a simulated host ever created, grouped by process lifetime ("epoch"). Not part
 * of llama-swap: a test oracle. llama-swap's own store forgets rows ({@code metricsMaxInMemory})
 * and restarts its ids at 1 with every process, so a client that ingests activity can only be
 * checked against a record that survives both; epochs carry the host's {@code captured_at}, which
 * is how a client tells process lifetimes apart.
 *
 * <p>At most {@code maxRows} rows are kept over all epochs; beyond that the oldest epoch's oldest
 * rows go first and the snapshot says {@code truncated}. An epoch whose rows all went stays listed
 * with its {@code last_id}, so the sequence of process lifetimes is never lost. Thread-safe.
 */
public final class ActivityLedger {

  /** Enough for long soak tests, small enough (a few tens of MB) for a test JVM. */
  public static final int DEFAULT_MAX_ROWS = 200_000;

  private final int maxRows;
  private final List<EpochLog> epochs = new ArrayList<>();
  private long totalRows;
  private boolean truncated;

  public ActivityLedger() {
    this(DEFAULT_MAX_ROWS);
  }

  public ActivityLedger(int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
    }
    this.maxRows = maxRows;
  }

  /** A new process lifetime (start, restart, up after refuse); a reload is not one. */
  public synchronized void beginEpoch(Instant capturedAt) {
    if (capturedAt == null) {
      throw new IllegalArgumentException("capturedAt is required");
    }
    epochs.add(new EpochLog(capturedAt));
  }

  /**
   * One row the host's store just created, in the current epoch.
   *
   * @throws IllegalStateException before the first epoch, or when ids do not increase (the store
   *     never hands out an id twice in one process, so that would be a simulator bug)
   */
  public synchronized void record(ActivityRow row) {
    record(row, true);
  }

  /**
   * As {@link #record(ActivityRow)}, saying whether anyone could learn of the row when it was made:
   * false when no event stream was listening (a row stored while the host shuts down, say). Such a
   * row can be lost without any client being able to tell, and an oracle needs to know that.
   */
  public synchronized void record(ActivityRow row, boolean announced) {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch: call beginEpoch first");
    }
    EpochLog current = epochs.get(epochs.size() - 1);
    if (row.id() <= current.lastId) {
      throw new IllegalStateException(
          "activity id " + row.id() + " after " + current.lastId + " in one epoch");
    }
    current.lastId = row.id();
    current.rows.addLast(
        new Row(
            row.id(),
            row.model(),
            row.reqPath(),
            row.respStatusCode(),
            row.tokens().inputTokens(),
            row.tokens().outputTokens(),
            announced));
    totalRows++;
    while (totalRows > maxRows) {
      dropOldest();
    }
  }

  private void dropOldest() {
    for (EpochLog epoch : epochs) {
      if (!epoch.rows.isEmpty()) {
        epoch.rows.removeFirst();
        totalRows--;
        truncated = true;
        return;
      }
    }
  }

  /**
   * Forgets every row and every past epoch; the current epoch stays, with its {@code captured_at}
   * and {@code last_id} (the host's ids carry on from there), and {@code truncated} resets.
   */
  public synchronized void clear() {
    if (!epochs.isEmpty()) {
      EpochLog current = epochs.get(epochs.size() - 1);
      current.rows.clear();
      epochs.clear();
      epochs.add(current);
    }
    totalRows = 0;
    truncated = false;
  }

  /** Rows kept over all epochs. */
  public synchronized long size() {
    return totalRows;
  }

  /** An immutable copy: epochs oldest first, rows in id order. */
  public synchronized Snapshot snapshot() {
    List<Epoch> copy = new ArrayList<>(epochs.size());
    for (EpochLog e : epochs) {
      copy.add(new Epoch(e.capturedAt, e.lastId, List.copyOf(e.rows)));
    }
    return new Snapshot(truncated, copy);
  }

  private static final class EpochLog {
    private final Instant capturedAt;
    private final Deque<Row> rows = new ArrayDeque<>();
    private long lastId;

    private EpochLog(Instant capturedAt) {
      this.capturedAt = capturedAt;
    }
  }

  /**
   * @param truncated some rows were dropped to stay under the cap since the last {@link #clear()}
   * @param epochs oldest first
   */
  public record Snapshot(
      @JsonProperty("truncated") boolean truncated, @JsonProperty("epochs") List<Epoch> epochs) {

    public Snapshot {
      epochs = List.copyOf(epochs);
    }
  }

  /**
   * One process lifetime.
   *
   * @param capturedAt the process start, as {@code /api/hardware} reports it
   * @param lastId the last id recorded in this epoch (0: none), kept when its rows are dropped
   * @param rows in id order
   */
  public record Epoch(
      @JsonProperty("captured_at") Instant capturedAt,
      @JsonProperty("last_id") long lastId,
      @JsonProperty("rows") List<Row> rows) {

    public Epoch {
      rows = List.copyOf(rows);
    }
  }

  /** The part of an activity row an ingest pipeline is checked on. */
  public record Row(
      @JsonProperty("id") long id,
      @JsonProperty("model") String model,
      @JsonProperty("req_path") String reqPath,
      @JsonProperty("status") int status,
      @JsonProperty("input_tokens") int inputTokens,
      @JsonProperty("output_tokens") int outputTokens,
      @JsonProperty("announced") boolean announced) {}
}
