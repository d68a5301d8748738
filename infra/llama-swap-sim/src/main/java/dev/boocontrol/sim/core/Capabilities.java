package dev.boocontrol.sim.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model's {@code capabilities:} block ({@code in}/{@code out} are Java keywords, hence {@code
 * input}/{@code output}). Modalities are {@code text}, {@code audio} or {@code image}.
 *
 * @param context context length, 0 when not set
 */
public record Capabilities(
    List<String> input, List<String> output, boolean tools, boolean reranker, int context) {

  public Capabilities {
    input = input == null ? List.of() : List.copyOf(input);
    output = output == null ? List.of() : List.copyOf(output);
  }

  public static Capabilities none() {
    return new Capabilities(List.of(), List.of(), false, false, 0);
  }

  public boolean isEmpty() {
    return input.isEmpty() && output.isEmpty() && !tools && !reranker && context == 0;
  }

  /** An image input: the {@code vision} tag. */
  public boolean vision() {
    return input.contains("image");
  }

  /**
   * The {@code /v1/models} {@code architecture} object (llama-swap's {@code renderCapabilities}):
   * present when {@code in} or {@code out} is set; {@code modality} (like {@code text+image->text})
   * only when both are.
   */
  public Optional<Map<String, Object>> architecture() {
    if (input.isEmpty() && output.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> arch = new LinkedHashMap<>();
    if (!input.isEmpty()) {
      arch.put("input_modalities", input);
    }
    if (!output.isEmpty()) {
      arch.put("output_modalities", output);
    }
    if (!input.isEmpty() && !output.isEmpty()) {
      arch.put("modality", String.join("+", input) + "->" + String.join("+", output));
    }
    return Optional.of(arch);
  }

  /**
   * The capability tags, all {@code true}, sorted; empty when there are none ({@code modelStatus}
   * then leaves {@code capabilities} out).
   */
  public Map<String, Boolean> tags() {
    Map<String, Boolean> tags = new TreeMap<>();
    if (input.contains("image")) {
      tags.put("vision", true);
    }
    if (!input.isEmpty() && !output.isEmpty()) {
      if (input.contains("audio") && output.contains("text")) {
        tags.put("audio_transcriptions", true);
      }
      if (input.contains("text") && output.contains("audio")) {
        tags.put("audio_speech", true);
      }
      if (input.contains("text") && output.contains("image")) {
        tags.put("image_generation", true);
      }
      if (input.contains("image") && output.contains("image")) {
        tags.put("image_to_image", true);
      }
    }
    if (tools) {
      tags.put("function_calling", true);
    }
    if (reranker) {
      tags.put("reranker", true);
    }
    return tags;
  }

  /** {@code supported_parameters}: {@code ["tools","tool_choice"]} with tools, else empty. */
  public List<String> supportedParameters() {
    return tools ? List.of("tools", "tool_choice") : List.of();
  }
}
