package dev.boocontrol.contracts.cockpit;

/**
 * One message on {@code /api/ws/control}. Sealed so that the schema in {@code
 * schema/cockpit-frames.schema.json} has exactly one branch per implementation.
 */
public sealed interface Frame permits SnapshotFrame, DeltaFrame, ResyncFrame {

  FrameType type();
}
