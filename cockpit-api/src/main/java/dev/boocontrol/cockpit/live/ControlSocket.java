package dev.boocontrol.cockpit.live;

import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * {@code /api/ws/control}: a snapshot on join, then seq-stamped deltas per host. The client sends
 * {@code {"type":"resync"}} when it sees a seq gap and gets a fresh snapshot. Only operators may
 * upgrade; dead clients are found by the server's auto-ping.
 */
@WebSocket(path = "/api/ws/control")
@Authenticated
public class ControlSocket {

  private final LiveFleet fleet;

  ControlSocket(LiveFleet fleet) {
    this.fleet = fleet;
  }

  @OnOpen
  void onOpen(WebSocketConnection connection) {
    fleet.join(connection);
  }

  @OnTextMessage
  void onMessage(String message, WebSocketConnection connection) {
    if (message.contains("\"resync\"")) {
      fleet.resend(connection);
    }
  }

  @OnClose
  void onClose(WebSocketConnection connection) {
    fleet.leave(connection);
  }
}
