package dev.boocontrol.fleetconnector.core;

/**
 * One model's state change on one host, diffed from two {@code modelStatus} snapshots. States are
 * llama-swap wire names: {@code stopped}, {@code starting}, {@code ready}, {@code stopping}, {@code
 * shutdown}, or {@code unknown}.
 *
 * @param fromState null the first time the model is seen
 * @param swap true when this model starts because another model of the host just left ready
 */
public record ModelChange(String modelId, String fromState, String toState, boolean swap) {}
