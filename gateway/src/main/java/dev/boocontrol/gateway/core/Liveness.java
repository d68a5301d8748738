package dev.boocontrol.gateway.core;

/** What the gateway knows of a host's connector state; UNKNOWN until a liveness event says. */
public enum Liveness {
  CONNECTED,
  RECONNECTING,
  DOWN,
  UNKNOWN
}
