package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code {"msg":"ok"}} answer of unload-all and inflight cancel. */
public record OkMessage(@JsonProperty("msg") String msg) {

  public boolean isOk() {
    return "ok".equalsIgnoreCase(msg);
  }
}
