package dev.boocontrol.cockpit.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks for the list parameters that several queries share ({@code host}, {@code model}, ...). */
public final class QueryParams {

  /** The most values one list parameter may repeat. */
  public static final int MAX_VALUES = 50;

  /** The longest single value (a model name, a source). */
  public static final int MAX_LENGTH = 256;

  /** Host ids, exactly as the {@code hosts} table's CHECK constraint allows them. */
  private static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private QueryParams() {}

  /** Whether a text is a well-formed host id. */
  public static boolean isHostId(String value) {
    return value != null && HOST_ID.matcher(value).matches();
  }

  /**
   * The {@code host} values: blank ones dropped, duplicates merged, each a well-formed host id.
   *
   * @throws BadParameter naming {@code parameter}
   */
  public static List<String> hostIds(String parameter, List<String> values) {
    List<String> hosts = texts(parameter, values);
    for (String host : hosts) {
      if (!isHostId(host)) {
        throw new BadParameter(parameter, parameter + " '" + clip(host) + "' is not a host id");
      }
    }
    return hosts;
  }

  /**
   * Free-text list values (model names, sources): blank ones dropped, duplicates merged, at most
   * {@link #MAX_VALUES} of at most {@link #MAX_LENGTH} characters.
   *
   * @throws BadParameter naming {@code parameter}
   */
  public static List<String> texts(String parameter, List<String> values) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    Set<String> kept = new LinkedHashSet<>();
    for (String value : values) {
      if (value == null || value.isBlank()) {
        continue;
      }
      String text = value.strip();
      if (text.length() > MAX_LENGTH) {
        throw new BadParameter(
            parameter, parameter + " values must be at most " + MAX_LENGTH + " characters");
      }
      kept.add(text);
    }
    if (kept.size() > MAX_VALUES) {
      throw new BadParameter(
          parameter, parameter + " may be given at most " + MAX_VALUES + " times");
    }
    return List.copyOf(new ArrayList<>(kept));
  }

  private static String clip(String value) {
    return value.length() <= 70 ? value : value.substring(0, 70) + "...";
  }
}
