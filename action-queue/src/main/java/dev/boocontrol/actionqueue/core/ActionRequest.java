package dev.boocontrol.actionqueue.core;

/**
 * An action request as it arrived (any field may be missing).
 *
 * @param kind {@code warm}, {@code unload} or {@code unload_all}
 * @param model the model to warm or unload; ignored for {@code unload_all}
 * @param requestedBy the operator asking
 * @param confirmTakeover true to act even while others use the host
 */
public record ActionRequest(
    String kind, String model, String requestedBy, Boolean confirmTakeover) {}
