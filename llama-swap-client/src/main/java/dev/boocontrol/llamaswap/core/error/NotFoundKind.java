package dev.boocontrol.llamaswap.core.error;

/** Which of llama-swap's 404s this is, recognised from its message. */
public enum NotFoundKind {
  /** {@code no router for requested model}: neither a local nor a peer model. */
  UNKNOWN_MODEL,
  /** {@code no model id could be identified}: the request named no model. */
  NO_MODEL_IN_REQUEST,
  /** {@code capture not found}. */
  CAPTURE_NOT_FOUND,
  /** {@code inflight request not found}. */
  INFLIGHT_NOT_FOUND,
  /** {@code model not found}: unload or {@code /upstream} of an id that is not local. */
  MODEL_NOT_FOUND,
  /** {@code no local server found for requested model}: for example a peer model. */
  NO_LOCAL_SERVER,
  /** Go's {@code 404 page not found}: the path does not exist on this version. */
  ROUTE_NOT_FOUND,
  /** Any other 404, including upstream ones. */
  OTHER
}
