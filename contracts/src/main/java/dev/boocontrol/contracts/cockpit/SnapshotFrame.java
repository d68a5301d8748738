package dev.boocontrol.contracts.cockpit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The whole fleet at one instant. A client replaces its state with it and then applies, per host,
 * only deltas whose seq follows the {@link HostView#seq()} given here.
 *
 * @param type always {@link FrameType#SNAPSHOT}; a component so that it is on the wire
 * @param hosts sorted by host id
 */
public record SnapshotFrame(FrameType type, Instant at, List<HostView> hosts) implements Frame {

  public SnapshotFrame {
    if (type != FrameType.SNAPSHOT) {
      throw new IllegalArgumentException("a snapshot frame has type snapshot, not " + type);
    }
    Objects.requireNonNull(at, "at");
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }

  public static SnapshotFrame of(Instant at, List<HostView> hosts) {
    return new SnapshotFrame(FrameType.SNAPSHOT, at, hosts);
  }
}
