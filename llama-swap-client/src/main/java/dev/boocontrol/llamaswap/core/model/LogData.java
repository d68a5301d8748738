package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One write to a log ring, from a {@code logData} event (spec §7.3.2).
 *
 * @param source {@code proxy} or {@code upstream}
 * @param data raw text of one write: may hold several lines, a partial line or ANSI codes
 */
public record LogData(@JsonProperty("source") String source, @JsonProperty("data") String data) {

  public LogData {
    source = source == null ? "" : source;
    data = data == null ? "" : data;
  }

  public boolean isProxy() {
    return "proxy".equals(source);
  }

  public boolean isUpstream() {
    return "upstream".equals(source);
  }

  /** True when this write is the v233+ marker llama-swap inserts after dropping log bytes. */
  public boolean isDroppedBytesMarker() {
    return data.contains(" bytes dropped ");
  }
}
