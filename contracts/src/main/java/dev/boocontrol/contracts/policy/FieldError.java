package dev.boocontrol.contracts.policy;

/**
 * One problem of a policy.
 *
 * @param field the path of the bad value, e.g. {@code spec.rules[0].when.maxPromptTokens}
 */
public record FieldError(String field, String message) {}
