package dev.boocontrol.contracts.cockpit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The {@code type} of a frame on {@code /api/ws/control}. The wire names are what the UI switches
 * on, so they are spelled here once rather than in every producer.
 */
public enum FrameType {
  /** The whole fleet, sent on connect and after a resync. */
  SNAPSHOT("snapshot"),
  /** Liveness, models, epochs, gaps and in-flight requests of one host changed. */
  CONTROL_FLEET("control_fleet"),
  /** A host completed a request. */
  CONTROL_ACTIVITY("control_activity"),
  /** New GPU/system samples, or a change of a host's performance status. */
  CONTROL_PERF("control_perf"),
  /** New log output of a host. */
  CONTROL_LOG("control_log"),
  /** Progress of an action, bench or eval job. */
  CONTROL_JOB("control_job"),
  /** The client fell behind: it must drop its state and wait for the snapshot that follows. */
  RESYNC("resync");

  private final String wireName;

  FrameType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Whether frames of this type are seq-stamped per-host deltas ({@link DeltaFrame}). */
  public boolean delta() {
    return this != SNAPSHOT && this != RESYNC;
  }

  /** The type with this wire name. */
  public static FrameType fromWire(String wireName) {
    return Arrays.stream(values())
        .filter(t -> t.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown frame type: " + wireName));
  }
}
