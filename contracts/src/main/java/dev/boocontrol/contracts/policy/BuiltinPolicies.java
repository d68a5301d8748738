package dev.boocontrol.contracts.policy;

import java.util.List;
import java.util.Map;

/**
 * The four virtual models every installation starts with (seeded by V7; editable, not removable).
 */
public final class BuiltinPolicies {

  private BuiltinPolicies() {}

  public static final Map<String, PolicySpec> ALL =
      Map.of(
          "auto",
          new PolicySpec(List.of(), List.of("*"), List.of("warm", "quality", "latency"), null),
          "auto:code",
          new PolicySpec(
              List.of(
                  new PolicySpec.Rule(
                      new PolicySpec.When(true, null, null, null, null),
                      List.of("*coder*", "*code*"))),
              List.of("*coder*", "*code*", "*"),
              List.of("listed", "warm", "quality"),
              null),
          "auto:fast",
          new PolicySpec(List.of(), List.of("*"), List.of("warm", "latency", "size"), null),
          "auto:cheap",
          new PolicySpec(List.of(), List.of("*"), List.of("size", "warm"), null));
}
