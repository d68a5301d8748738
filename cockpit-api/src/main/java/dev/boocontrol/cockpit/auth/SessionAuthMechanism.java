package dev.boocontrol.cockpit.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates a request by its session cookie. The one place that says how an operator is
 * recognised: a trusted reverse-proxy header or OIDC would be another mechanism beside this one.
 */
@ApplicationScoped
public class SessionAuthMechanism implements HttpAuthenticationMechanism {

  public static final String COOKIE = "boo_session";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    Cookie cookie = context.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      return Uni.createFrom().optional(java.util.Optional.empty());
    }
    return identityProviderManager
        .authenticate(new SessionTokenRequest(cookie.getValue()))
        .onFailure()
        .recoverWithNull(); // an expired session is simply no session
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionTokenRequest.class);
  }
}
