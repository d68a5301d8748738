package dev.boocontrol.gateway.core;

import dev.boocontrol.contracts.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Errors in the shape OpenAI clients parse: {@code {"error":{message,type,param,code}}}. */
public final class OpenAiError {

  private OpenAiError() {}

  public static String json(String message, String type, String param, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Json.write(Map.of("error", error));
  }
}
