package dev.boocontrol.sim.core;

import java.util.List;

/**
 * A swap group (spec section 13). Models in no group form the implicit {@value #DEFAULT_NAME} group
 * with swap and exclusive on.
 */
public record GroupConfig(
    String name, boolean swap, boolean exclusive, boolean persistent, List<String> members) {

  public static final String DEFAULT_NAME = "(default)";

  public GroupConfig {
    members = List.copyOf(members);
  }

  public boolean isDefault() {
    return DEFAULT_NAME.equals(name);
  }
}
