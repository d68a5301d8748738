package dev.boocontrol.cockpit.core;

import dev.boocontrol.contracts.cockpit.DeltaFrame;
import dev.boocontrol.contracts.cockpit.HostView;
import dev.boocontrol.contracts.cockpit.SnapshotFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The client's side of the seq discipline, written once in Java as the reference the UI mirrors and
 * tests drive: remember each host's seq from the last snapshot, apply a delta only when it is the
 * very next one, drop what the snapshot already contains, and ask for a new snapshot on a hole. A
 * host absent from the snapshot (created on the server after it) starts at 0, so its first delta,
 * seq 1, is accepted. Not thread-safe.
 */
public final class SeqGuard {

  /** What a client does with a delta. */
  public enum Verdict {
    /** The next delta of its host: apply it. */
    ACCEPT,
    /** Already contained in the snapshot or applied: discard it. */
    STALE,
    /** Deltas were missed: request a snapshot. */
    GAP
  }

  private final Map<String, Long> last = new HashMap<>();
  private boolean synced;

  /** Forget everything and start from this snapshot's seqs. */
  public void snapshot(SnapshotFrame snapshot) {
    last.clear();
    for (HostView host : snapshot.hosts()) {
      last.put(host.hostId(), host.seq());
    }
    synced = true;
  }

  /**
   * Judges {@code delta} and, when accepted, remembers its seq. Before any snapshot nothing can be
   * applied, so every delta is a {@link Verdict#GAP}.
   */
  public Verdict accept(DeltaFrame delta) {
    if (!synced) {
      return Verdict.GAP;
    }
    long previous = last.getOrDefault(delta.host(), 0L);
    if (delta.seq() <= previous) {
      return Verdict.STALE;
    }
    if (delta.seq() > previous + 1) {
      return Verdict.GAP;
    }
    last.put(delta.host(), delta.seq());
    return Verdict.ACCEPT;
  }

  /** The seq of the last delta applied for {@code hostId} (or the snapshot's), if any is known. */
  public OptionalLong last(String hostId) {
    Long seq = last.get(hostId);
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }
}
