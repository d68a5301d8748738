package dev.boocontrol.cockpit.query;

/** A query named a host that the registry does not know. */
public final class UnknownHost extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String hostId;

  public UnknownHost(String hostId) {
    super("no host " + hostId, null, false, false);
    this.hostId = hostId;
  }

  public String hostId() {
    return hostId;
  }
}
