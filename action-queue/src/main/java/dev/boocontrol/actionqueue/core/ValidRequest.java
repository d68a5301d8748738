package dev.boocontrol.actionqueue.core;

/**
 * An action request that passed {@link Admission#validate}.
 *
 * @param model trimmed; null for {@link ActionKind#UNLOAD_ALL}
 */
public record ValidRequest(
    ActionKind kind, String model, String requestedBy, boolean confirmTakeover) {}
