package dev.boocontrol.cockpit.core;

/**
 * A request parameter that cannot be used, with the parameter's name, so the API can answer 400
 * {@code {"error": message, "field": parameter}}.
 */
public final class BadParameter extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  public BadParameter(String parameter, String message) {
    super(message, null, false, false);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
