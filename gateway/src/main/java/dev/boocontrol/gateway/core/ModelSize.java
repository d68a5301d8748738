package dev.boocontrol.gateway.core;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's parameter count in billions, read from its id the way people name them: {@code
 * qwen2.5-7b}, {@code Llama-3.1-8B-Instruct}, {@code qwen2.5-0.5b}, {@code mixtral-8x7b} (56).
 */
public final class ModelSize {

  private static final Pattern SIZE =
      Pattern.compile("(?i)(?<![a-z0-9.])(?:(\\d+)x)?(\\d+(?:\\.\\d+)?)b(?![a-z0-9])");

  private ModelSize() {}

  public static OptionalDouble billions(String modelId) {
    if (modelId == null) {
      return OptionalDouble.empty();
    }
    Matcher m = SIZE.matcher(modelId);
    if (!m.find()) {
      return OptionalDouble.empty();
    }
    double size = Double.parseDouble(m.group(2));
    if (m.group(1) != null) {
      size *= Integer.parseInt(m.group(1));
    }
    return OptionalDouble.of(size);
  }
}
