package dev.boocontrol.cockpit.auth;

import dev.boocontrol.cockpit.config.CockpitConfig;
import dev.boocontrol.cockpit.core.LoginThrottle;
import dev.boocontrol.cockpit.core.SessionTokens;
import dev.boocontrol.cockpit.rest.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Operator login: credentials from config, a random session token in an HttpOnly SameSite=Strict
 * cookie, its hash in PostgreSQL. Failed logins are counted per client address and throttled.
 */
@Path("/api")
public class AuthResource {

  private static final Logger LOG = Logger.getLogger(AuthResource.class);

  /** What the login form sends. */
  public record Credentials(String user, String password) {}

  private final CockpitConfig config;
  private final SessionRepository sessions;
  private final LoginThrottle throttle;
  private final Counter failures;

  AuthResource(CockpitConfig config, SessionRepository sessions, MeterRegistry registry) {
    this.config = config;
    this.sessions = sessions;
    this.throttle = new LoginThrottle(config.loginMaxFailures(), config.loginWindow());
    this.failures =
        Counter.builder("boocontrol_cockpit_login_failures_total")
            .description("failed operator logins (wrong credentials, bad input or throttled)")
            .register(registry);
    if (config.operatorPassword().filter(p -> !p.isBlank()).isEmpty()) {
      LOG.warn("no operator password configured (BOO_OPERATOR_PASSWORD): nobody can log in");
    }
  }

  @POST
  @Path("/login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> login(Credentials credentials, @Context HttpServerRequest request) {
    String address = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    // Guesses are counted per address and user name: rotating names gains an attacker nothing,
    // and one mistyping colleague does not lock out another.
    String user = credentials == null || credentials.user() == null ? "" : credentials.user();
    String caller = address + "|" + user;
    Instant now = Instant.now();
    var wait = throttle.retryAfter(caller, now);
    if (wait.isPresent()) {
      failures.increment();
      long seconds = Math.max(1, wait.get().toSeconds());
      LOG.warnf("login throttled for %s (%d s)", address, seconds);
      return Uni.createFrom()
          .item(
              Response.fromResponse(
                      ApiError.of(429, "too many failed logins; try again in " + seconds + " s"))
                  .header("Retry-After", seconds)
                  .build());
    }
    if (credentials == null || credentials.user() == null || credentials.user().isBlank()) {
      failures.increment();
      return Uni.createFrom().item(ApiError.of(400, "user is required", "user"));
    }
    if (credentials.password() == null || credentials.password().isEmpty()) {
      failures.increment();
      return Uni.createFrom().item(ApiError.of(400, "password is required", "password"));
    }
    boolean ok =
        SessionTokens.sameSecret(credentials.user(), config.operatorUser())
            & SessionTokens.sameSecret(
                credentials.password(), config.operatorPassword().orElse(""));
    if (!ok) {
      throttle.failed(caller, now);
      failures.increment();
      LOG.warnf("failed login from %s", address);
      return Uni.createFrom().item(ApiError.of(401, "wrong user or password"));
    }
    throttle.succeeded(caller);
    String token = SessionTokens.newToken();
    return sessions
        .create(SessionTokens.hash(token), config.operatorUser(), now.plus(config.sessionTtl()))
        .map(
            v -> {
              LOG.infof("operator %s logged in from %s", config.operatorUser(), address);
              return Response.ok(Map.of("operator", config.operatorUser()))
                  .type(MediaType.APPLICATION_JSON)
                  .cookie(cookie(token, (int) config.sessionTtl().toSeconds()))
                  .build();
            });
  }

  @POST
  @Path("/logout")
  @PermitAll
  @Consumes(MediaType.WILDCARD)
  public Uni<Response> logout(@Context HttpServerRequest request) {
    var cookie = request.getCookie(SessionAuthMechanism.COOKIE);
    Uni<Void> forget =
        cookie == null
            ? Uni.createFrom().voidItem()
            : sessions.delete(SessionTokens.hash(cookie.getValue()));
    return forget.map(v -> Response.noContent().cookie(cookie("", 0)).build());
  }

  @GET
  @Path("/me")
  @Authenticated
  public Map<String, String> me(@Context SecurityContext security) {
    return Map.of("operator", security.getUserPrincipal().getName());
  }

  private NewCookie cookie(String value, int maxAgeSeconds) {
    return new NewCookie.Builder(SessionAuthMechanism.COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .secure(config.secureCookie())
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(maxAgeSeconds)
        .build();
  }
}
