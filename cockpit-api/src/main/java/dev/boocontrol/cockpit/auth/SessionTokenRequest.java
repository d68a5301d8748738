package dev.boocontrol.cockpit.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The session cookie's token, to be turned into an operator identity. */
public final class SessionTokenRequest extends BaseAuthenticationRequest {

  private final String token;

  public SessionTokenRequest(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
