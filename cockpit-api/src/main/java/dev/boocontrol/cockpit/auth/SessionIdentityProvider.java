package dev.boocontrol.cockpit.auth;

import dev.boocontrol.cockpit.core.SessionTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks a session token up in PostgreSQL (non-blocking) and yields the operator identity. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {

  /** The one role: every authenticated caller is an operator. */
  public static final String OPERATOR = "operator";

  private final SessionRepository sessions;

  SessionIdentityProvider(SessionRepository sessions) {
    this.sessions = sessions;
  }

  @Override
  public Class<SessionTokenRequest> getRequestType() {
    return SessionTokenRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      SessionTokenRequest request, AuthenticationRequestContext context) {
    return sessions
        .operatorOf(SessionTokens.hash(request.token()))
        .map(
            operator ->
                operator
                    .<SecurityIdentity>map(
                        name ->
                            QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal(name))
                                .addRole(OPERATOR)
                                .build())
                    .orElseThrow(() -> new AuthenticationFailedException("session expired")));
  }
}
