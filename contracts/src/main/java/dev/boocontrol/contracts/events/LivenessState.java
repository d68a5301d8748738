package dev.boocontrol.contracts.events;

/** A connector's view of a host. */
public enum LivenessState {
  CONNECTED,
  RECONNECTING,
  DOWN
}
