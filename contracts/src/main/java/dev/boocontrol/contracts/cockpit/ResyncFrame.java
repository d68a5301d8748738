package dev.boocontrol.contracts.cockpit;

import java.util.Objects;

/**
 * Tells a client that frames were dropped for it (it read too slowly): it must discard its state; a
 * fresh {@link SnapshotFrame} follows.
 *
 * @param type always {@link FrameType#RESYNC}; a component so that it is on the wire
 * @param reason short human text, e.g. "client queue overflowed"
 */
public record ResyncFrame(FrameType type, String reason) implements Frame {

  public ResyncFrame {
    if (type != FrameType.RESYNC) {
      throw new IllegalArgumentException("a resync frame has type resync, not " + type);
    }
    Objects.requireNonNull(reason, "reason");
  }

  public static ResyncFrame of(String reason) {
    return new ResyncFrame(FrameType.RESYNC, reason);
  }
}
