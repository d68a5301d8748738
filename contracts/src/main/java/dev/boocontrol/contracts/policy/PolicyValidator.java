package dev.boocontrol.contracts.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every problem of a named policy, each with the path of its field; empty when it can be used. */
public final class PolicyValidator {

  /** {@code auto}, or {@code auto:} and a slug. */
  public static final Pattern NAME = Pattern.compile("auto(:[a-z0-9][a-z0-9-]{0,31})?");

  private PolicyValidator() {}

  public static List<FieldError> validate(String name, PolicySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      errors.add(
          new FieldError(
              "name", "name must be auto or auto:<slug> (a-z, 0-9 and -, at most 32 characters)"));
    }
    if (spec == null) {
      errors.add(new FieldError("spec", "spec is required"));
      return errors;
    }
    globs(errors, "spec.candidates", spec.candidates());
    for (int i = 0; i < spec.rules().size(); i++) {
      PolicySpec.Rule rule = spec.rules().get(i);
      String at = "spec.rules[" + i + "]";
      if (rule == null) {
        errors.add(new FieldError(at, "a rule cannot be null"));
        continue;
      }
      globs(errors, at + ".candidates", rule.candidates());
      when(errors, at + ".when", rule.when());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.order().size(); i++) {
      String key = spec.order().get(i);
      String at = "spec.order[" + i + "]";
      if (!PolicySpec.ORDER_KEYS.contains(key)) {
        errors.add(new FieldError(at, "order keys are " + PolicySpec.ORDER_KEYS + ", not " + key));
      } else if (!seen.add(key)) {
        errors.add(new FieldError(at, key + " is already in the order"));
      }
    }
    return errors;
  }

  private static void globs(List<FieldError> errors, String at, List<String> patterns) {
    if (patterns.isEmpty()) {
      errors.add(new FieldError(at, "at least one model pattern is needed"));
    }
    for (int i = 0; i < patterns.size(); i++) {
      if (!Glob.valid(patterns.get(i))) {
        errors.add(
            new FieldError(
                at + "[" + i + "]",
                "a pattern is a model id with * wildcards (letters, digits, . _ : / @ + -)"));
      }
    }
  }

  private static void when(List<FieldError> errors, String at, PolicySpec.When when) {
    Integer min = when.minPromptTokens();
    Integer max = when.maxPromptTokens();
    if (min != null && min < 0) {
      errors.add(new FieldError(at + ".minPromptTokens", "minPromptTokens cannot be negative"));
    }
    if (max != null && max < 0) {
      errors.add(new FieldError(at + ".maxPromptTokens", "maxPromptTokens cannot be negative"));
    }
    if (min != null && max != null && min > max) {
      errors.add(
          new FieldError(at + ".maxPromptTokens", "maxPromptTokens is below minPromptTokens"));
    }
    if (when.sources() != null) {
      if (when.sources().isEmpty()) {
        errors.add(new FieldError(at + ".sources", "sources, when given, cannot be empty"));
      }
      for (int i = 0; i < when.sources().size(); i++) {
        if (!Glob.valid(when.sources().get(i))) {
          errors.add(
              new FieldError(at + ".sources[" + i + "]", "a source is a consumer name with *"));
        }
      }
    }
    if (when.modelHint() != null && when.modelHint().isBlank()) {
      errors.add(new FieldError(at + ".modelHint", "modelHint, when given, cannot be blank"));
    }
  }
}
