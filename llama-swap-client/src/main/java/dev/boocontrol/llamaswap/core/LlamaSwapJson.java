package dev.boocontrol.llamaswap.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one shared Jackson mapper for every llama-swap payload.
 *
 * <p>Unknown fields are ignored everywhere (forks and newer releases add fields), timestamps keep
 * the server's zone offset, and a literal {@code NaN} from a llama.cpp fork is accepted. Do not
 * reconfigure the returned mapper.
 */
public final class LlamaSwapJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // Activity timestamps are in the server's zone; keep that offset instead of forcing UTC.
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private LlamaSwapJson() {}

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a payload, wrapping Jackson's checked exception in {@link PayloadException}. */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new PayloadException(type.getSimpleName(), excerpt(json), e);
    }
  }

  /** Reads a payload from text. */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new PayloadException(type.getSimpleName(), Excerpts.of(json), e);
    }
  }

  /** Converts an already parsed tree into a payload. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PayloadException(type.getSimpleName(), Excerpts.of(String.valueOf(node)), e);
    }
  }

  /** Parses any JSON document into a tree. */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PayloadException("JSON", Excerpts.of(json), e);
    }
  }

  /** Parses any JSON document into a tree. */
  public static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new PayloadException("JSON", excerpt(json), e);
    }
  }

  private static String excerpt(byte[] json) {
    int len = Math.min(json.length, Excerpts.MAX_CHARS * 4);
    return Excerpts.of(new String(json, 0, len, StandardCharsets.UTF_8));
  }
}
