package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code uiConfig} event (v240+): the config's {@code ui:} section.
 *
 * @param activity the {@code ui.activity} block
 */
public record UiConfig(@JsonProperty("activity") Activity activity) {

  public UiConfig {
    activity = activity == null ? new Activity(List.of()) : activity;
  }

  /** Header names the UI reads a session id from in inflight {@code req_headers}. */
  public List<String> sessionIdHeaders() {
    return activity.sessionId();
  }

  /** {@code ui.activity}. */
  public record Activity(@JsonProperty("session_id") List<String> sessionId) {
    public Activity {
      sessionId = Collections2.list(sessionId);
    }
  }
}
