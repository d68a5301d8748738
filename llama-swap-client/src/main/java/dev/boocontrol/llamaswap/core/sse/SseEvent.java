package dev.boocontrol.llamaswap.core.sse;

/**
 * One dispatched Server-Sent Event.
 *
 * @param event the event name; {@code message} when the stream set none
 * @param data the data lines joined by {@code \n}
 * @param lastEventId the last {@code id:} seen on the stream, or empty (llama-swap sends none)
 */
public record SseEvent(String event, String data, String lastEventId) {

  public SseEvent {
    event = event == null || event.isEmpty() ? "message" : event;
    data = data == null ? "" : data;
    lastEventId = lastEventId == null ? "" : lastEventId;
  }

  public static SseEvent message(String data) {
    return new SseEvent("message", data, "");
  }
}
