package dev.boocontrol.platform.lease;

/** The host-facing loops that need one owner per host. */
public enum LeaseRole {
  CONNECTOR("connector"),
  PERF_POLLER("perf-poller");

  private final String wireName;

  LeaseRole(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
