package dev.boocontrol.sim.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which running models must stop before a model can load, under llama-swap's group router (spec
 * section 13):
 *
 * <ul>
 *   <li>{@code swap: true} evicts the other running members of the target's own group;
 *   <li>{@code exclusive: true} evicts running members of every other group, except members of
 *       {@code persistent} groups;
 *   <li>a non-exclusive target never evicts other groups, even exclusive ones (kept quirk).
 * </ul>
 */
public final class GroupRules {

  private final Map<String, GroupConfig> groupByModel;

  public GroupRules(SimConfig config) {
    Map<String, GroupConfig> byModel = new HashMap<>();
    for (GroupConfig group : config.groups()) {
      for (String member : group.members()) {
        byModel.put(member, group);
      }
    }
    this.groupByModel = Map.copyOf(byModel);
  }

  /**
   * The running models (sorted) to stop before {@code target} loads; never the target itself.
   * Unknown models are never evicted and an unknown target evicts nothing.
   */
  public Set<String> evictionsFor(String target, Set<String> running) {
    Set<String> evict = new TreeSet<>();
    GroupConfig targetGroup = groupByModel.get(target);
    if (targetGroup == null) {
      return evict;
    }
    for (String other : running) {
      GroupConfig otherGroup = groupByModel.get(other);
      if (other.equals(target) || otherGroup == null) {
        continue;
      }
      boolean sameGroup = otherGroup.name().equals(targetGroup.name());
      if (sameGroup ? targetGroup.swap() : targetGroup.exclusive() && !otherGroup.persistent()) {
        evict.add(other);
      }
    }
    return evict;
  }

  public Optional<GroupConfig> groupOf(String modelId) {
    return Optional.ofNullable(groupByModel.get(modelId));
  }
}
