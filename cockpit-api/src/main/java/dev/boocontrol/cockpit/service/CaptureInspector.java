package dev.boocontrol.cockpit.service;

import dev.boocontrol.cockpit.core.CaptureLookup;
import dev.boocontrol.cockpit.core.CaptureLookup.HostAnswer;
import dev.boocontrol.cockpit.core.CaptureLookup.Missing;
import dev.boocontrol.cockpit.query.CaptureQueries;
import dev.boocontrol.cockpit.query.CaptureQueries.Lookup;
import dev.boocontrol.cockpit.query.CaptureView;
import dev.boocontrol.llamaswap.client.HostTarget;
import dev.boocontrol.llamaswap.client.LlamaSwapClient;
import dev.boocontrol.llamaswap.core.capture.CaptureInspection;
import dev.boocontrol.llamaswap.core.model.Capture;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds a request's capture: live from the host when it may still hold it, else from the capture
 * vault, else says why not ({@link CaptureLookup} decides; this bean only does the I/O).
 */
@ApplicationScoped
public class CaptureInspector {

  private static final Logger LOG = Logger.getLogger(CaptureInspector.class);
  private static final Duration HOST_TIMEOUT = HostClients.HOST_TIMEOUT;

  /** Either a capture or the reason there is none. */
  public record Result(CaptureView view, Missing missing) {}

  private record Answer(Optional<Capture> capture, HostAnswer answer, String failure) {}

  private final CaptureQueries queries;
  private final HostClients clients;

  CaptureInspector(CaptureQueries queries, HostClients clients) {
    this.queries = queries;
    this.clients = clients;
  }

  public Uni<Result> find(String hostId, int epoch, long activityId) {
    return queries
        .lookup(hostId, epoch, activityId)
        .chain(
            lookup ->
                (CaptureLookup.askHost(lookup.facts(), epoch)
                        ? askHost(hostId, activityId, lookup)
                        : Uni.createFrom()
                            .item(new Answer(Optional.empty(), HostAnswer.NOT_ASKED, null)))
                    .chain(
                        answer -> {
                          String url = lookup.baseUrl() == null ? null : safe(lookup.baseUrl());
                          if (answer.capture().isPresent()) {
                            return Uni.createFrom()
                                .item(view(hostId, epoch, activityId, "host", url, answer));
                          }
                          return queries
                              .vault(hostId, epoch, activityId)
                              .map(
                                  vaulted ->
                                      vaulted.isPresent()
                                          ? new Result(
                                              CaptureView.of(
                                                  hostId,
                                                  epoch,
                                                  activityId,
                                                  "vault",
                                                  url,
                                                  CaptureInspection.of(vaulted.get())),
                                              null)
                                          : new Result(
                                              null,
                                              CaptureLookup.missing(
                                                  hostId,
                                                  epoch,
                                                  activityId,
                                                  lookup.facts(),
                                                  answer.answer(),
                                                  answer.failure())));
                        }));
  }

  private static Result view(
      String hostId, int epoch, long activityId, String source, String url, Answer answer) {
    return new Result(
        CaptureView.of(
            hostId, epoch, activityId, source, url, CaptureInspection.of(answer.capture().get())),
        null);
  }

  // Ids restart with every llama-swap process: the host's capture N is this request's only while
  // the process is the epoch's (its start time matches), even if the restart is not recorded yet.
  private Uni<Answer> askHost(String hostId, long activityId, Lookup lookup) {
    LlamaSwapClient client =
        clients.client(new HostTarget(hostId, lookup.baseUrl(), lookup.apiKey()));
    return client
        .hardware()
        .map(h -> Optional.ofNullable(h.capturedAt()).map(t -> t.toInstant()))
        .onFailure()
        .recoverWithItem(Optional.empty()) // before v247: no hardware endpoint, no check
        .chain(
            started -> {
              if (!CaptureLookup.sameProcess(
                  lookup.facts().epochCapturedAt(), started.orElse(null))) {
                return Uni.createFrom()
                    .item(new Answer(Optional.empty(), HostAnswer.NEWER_PROCESS, null));
              }
              return client
                  .capture(activityId)
                  .map(
                      c ->
                          new Answer(
                              c,
                              c.isPresent() ? HostAnswer.NOT_ASKED : HostAnswer.NOT_FOUND,
                              null));
            })
        .ifNoItem()
        .after(HOST_TIMEOUT)
        .recoverWithItem(new Answer(Optional.empty(), HostAnswer.FAILED, "no answer within 5 s"))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf("host %s: capture read failed: %s", hostId, failure.toString());
              return new Answer(Optional.empty(), HostAnswer.FAILED, reasonOf(failure));
            });
  }

  private static String reasonOf(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  // The base URL without user-info, so credentials in it are never shown.
  static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", ""));
  }
}
