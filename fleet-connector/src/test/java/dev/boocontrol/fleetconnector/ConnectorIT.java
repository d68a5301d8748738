package dev.boocontrol.fleetconnector;

import static dev.boocontrol.contracts.events.LivenessState.CONNECTED;
import static dev.boocontrol.contracts.events.LivenessState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.Topics;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.EpochStarted;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.events.GapSuspected;
import dev.boocontrol.contracts.events.HostInfo;
import dev.boocontrol.contracts.events.HostLiveness;
import dev.boocontrol.contracts.events.LivenessState;
import dev.boocontrol.contracts.events.ModelTransition;
import dev.boocontrol.fleetconnector.service.ConnectorSupervisor;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.SimHostResource;
import dev.boocontrol.platform.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The connector against a real simulated host and the real Kafka broker: what happens on the host
 * arrives on the fleet topics, exactly once per (host, epoch, id), through restarts, silent streams
 * and a host going down.
 */
@QuarkusTest
@QuarkusTestResource(value = SimHostResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final List<EventEnvelope> SEEN = new CopyOnWriteArrayList<>();
  private static Thread reader;
  private static volatile boolean reading = true;

  @ConfigProperty(name = "it.sim.host-id", defaultValue = "none")
  String hostId;

  @ConfigProperty(name = "it.sim.port", defaultValue = "0")
  int port;

  @ConfigProperty(name = "it.sim.control-port", defaultValue = "0")
  int controlPort;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject ConnectorSupervisor supervisor;
  @Inject Pool pool;
  @Inject MeterRegistry registry;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void readFleetTopics() throws Exception {
    if (reader == null) {
      String host = hostId;
      reader =
          new Thread(
              () -> {
                try (var consumer = TestKafka.consumer(bootstrap, "connector-it-" + hostId)) {
                  consumer.subscribe(
                      List.of(Topics.FLEET_ACTIVITY, Topics.FLEET_LIVENESS, Topics.FLEET_MODELS));
                  while (reading) {
                    consumer
                        .poll(Duration.ofMillis(200))
                        .forEach(
                            r -> {
                              if (host.equals(r.key())) {
                                TestKafka.decode(r).ifPresent(SEEN::add);
                              }
                            });
                  }
                }
              },
              "fleet-topics-reader");
      reader.setDaemon(true);
      reader.start();
    }
    await("the connector owns the host", () -> supervisor.ownedHosts().contains(hostId));
    // Snapshots are state, not a log: only a request sent after the stream opened is seen
    // going through starting (one sent before may show up as ready already).
    await(
        "the event stream is open",
        () ->
            all(FleetEvents.HOST_LIVENESS).stream()
                .anyMatch(l -> l.state() == LivenessState.CONNECTED));
  }

  @AfterAll
  static void stopReading() {
    reading = false;
  }

  @Test
  @Order(1)
  void requestsArriveAsActivityRowsWithTheirSourceAndModelTransitions() throws Exception {
    for (int i = 0; i < 4; i++) {
      int expected = activity().size() + 1;
      assertThat(chat("a", i % 2 == 0, "it-suite")).isEqualTo(200);
      await("row " + expected, () -> activity().size() >= expected);
    }
    List<ActivityRecorded> rows = activity();
    assertThat(rows).extracting(ActivityRecorded::activityId).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.model()).isEqualTo("a");
              assertThat(r.source()).isEqualTo("it-suite");
              assertThat(r.sourceAttribution()).isEqualTo("capture");
              assertThat(r.outputTokens()).isEqualTo(5);
              assertThat(r.tokensPerSecond()).isPositive();
              assertThat(r.respStatusCode()).isEqualTo(200);
            });
    assertThat(rows).extracting(ActivityRecorded::epoch).containsOnly(rows.get(0).epoch());
    assertThat(all(FleetEvents.EPOCH_STARTED)).isNotEmpty();
    assertThat(all(FleetEvents.MODEL_TRANSITION))
        .filteredOn(t -> t.modelId().equals("a"))
        .extracting(ModelTransition::toState)
        .contains("starting", "ready");
    assertThat(all(FleetEvents.HOST_LIVENESS))
        .extracting(HostLiveness::state)
        .contains(LivenessState.CONNECTED);
  }

  @Test
  @Order(2)
  void theHostsVersionAndTheTtlOfALoadedModelArePublished() throws Exception {
    await(
        "host.info with the version",
        () -> all(FleetEvents.HOST_INFO).stream().anyMatch(i -> "v250".equals(i.version())));
    // The chats of the first test loaded a; host.info is re-published once a model is ready, with
    // its TTL (600 s in SimHostResource) from /running.
    await(
        "host.info with a's ttl",
        () ->
            all(FleetEvents.HOST_INFO).stream()
                .anyMatch(i -> i.models().contains(new HostInfo.ModelTtl("a", 600))));
    assertThat(all(FleetEvents.HOST_INFO))
        .allSatisfy(
            i -> {
              assertThat(i.hostId()).isEqualTo(hostId);
              assertThat(i.observedAt()).isNotNull();
            });
    // /running's cmd may hold secrets: only ids and TTLs travel.
    assertThat(
            SEEN.stream().filter(e -> e.is(FleetEvents.HOST_INFO)).map(e -> e.payload().toString()))
        .noneMatch(json -> json.contains("cmd") || json.contains("proxy"));
  }

  @Test
  @Order(2)
  void aRequestWithoutASourceHeaderIsDirect() throws Exception {
    int expected = activity().size() + 1;
    assertThat(chat("a", false, null)).isEqualTo(200);
    await("the row", () -> activity().size() >= expected);
    ActivityRecorded last = activity().get(activity().size() - 1);
    assertThat(last.source()).isEqualTo("direct");
    assertThat(last.sourceAttribution()).isEqualTo("capture");
  }

  @Test
  @Order(3)
  void aHostRestartStartsANewEpochAndIdsBeginAgain() throws Exception {
    int epochBefore = activity().get(activity().size() - 1).epoch();
    control("POST", "/restart");
    await(
        "a new epoch",
        () -> all(FleetEvents.EPOCH_STARTED).stream().anyMatch(e -> e.epoch() == epochBefore + 1));
    assertThat(chat("a", true, "it-suite")).isEqualTo(200);
    await(
        "row 1 of the new epoch",
        () ->
            activity().stream().anyMatch(r -> r.epoch() == epochBefore + 1 && r.activityId() == 1));
    EpochStarted started =
        all(FleetEvents.EPOCH_STARTED).stream()
            .filter(e -> e.epoch() == epochBefore + 1)
            .findFirst()
            .get();
    assertThat(started.reason()).contains("restart");
  }

  @Test
  @Order(4)
  void rowsPrunedWhileTheStreamWasSilentAreReportedAsAGap() throws Exception {
    int epoch = activity().get(activity().size() - 1).epoch();
    long cursor =
        activity().stream()
            .filter(r -> r.epoch() == epoch)
            .mapToLong(ActivityRecorded::activityId)
            .max()
            .orElse(0);
    control("POST", "/events/hang");
    for (int i = 0; i < 8; i++) { // metricsMaxInMemory is 5: three rows are pruned unseen
      assertThat(chat("b", false, "it-suite")).isEqualTo(200);
    }
    control("POST", "/events/resume");
    int liveBeforeDrop = livenessSince(0).size();
    control("POST", "/connections/drop");
    await(
        "the gap", () -> all(FleetEvents.GAP_SUSPECTED).stream().anyMatch(g -> g.epoch() == epoch));
    GapSuspected gap =
        all(FleetEvents.GAP_SUSPECTED).stream().filter(g -> g.epoch() == epoch).findFirst().get();
    assertThat(gap.fromId()).isEqualTo(cursor + 1);
    assertThat(gap.toId()).isEqualTo(cursor + 3);
    await(
        "the rows that survived",
        () ->
            activity().stream().filter(r -> r.epoch() == epoch && r.activityId() > cursor).count()
                == 5);
    // every (epoch, id) exactly once
    assertThat(activity().stream().map(r -> r.epoch() + "/" + r.activityId()))
        .doesNotHaveDuplicates();
    await(
        "connected again after the drop",
        () -> livenessSince(liveBeforeDrop).equals(List.of(RECONNECTING, CONNECTED)));
  }

  @Test
  @Order(5)
  void livenessFollowsTheHostGoingDownAndComingBack() throws Exception {
    int liveBefore = livenessSince(0).size();
    control("POST", "/down");
    await("reconnecting", () -> livenessSince(liveBefore).contains(LivenessState.RECONNECTING));
    await(
        "down after repeated failures",
        () -> livenessSince(liveBefore).contains(LivenessState.DOWN));
    control("POST", "/up");
    await(
        "connected again",
        () -> {
          List<LivenessState> states = livenessSince(liveBefore);
          return states.get(states.size() - 1) == LivenessState.CONNECTED;
        });
  }

  @Test
  @Order(6)
  void badInputIsCountedAndSkippedWhileTheStreamGoesOn() throws Exception {
    double before = malformed();
    int liveBefore = livenessSince(0).size();
    inject("event:message\ndata:{\"type\":\"modelStatus\",\"data\":\"not json at all\"}\n\n");
    inject("event:message\ndata:{\"type\":\"codexQuota\",\"data\":\"{}\"}\n\n");
    inject("event:message\ndata:" + "x".repeat(10 * 1024 * 1024) + "\n\n"); // a 10 MB line
    await("malformed data counted", () -> malformed() >= before + 2);
    int expected = activity().size() + 1;
    assertThat(chat("a", false, "it-suite")).isEqualTo(200);
    await("the stream still delivers", () -> activity().size() >= expected);
    assertThat(livenessSince(liveBefore)).as("no reconnect was needed").isEmpty();
  }

  @Test
  @Order(7)
  void aHostLeasedByADeadReplicaIsTakenOverWhenTheLeaseExpires() throws Exception {
    String orphan = hostId + "-orphan";
    pool.withTransaction(
            conn ->
                conn.preparedQuery(
                        "INSERT INTO hosts (id, display_name, base_url, kind)"
                            + " VALUES ($1, $1, $2, 'llama-swap')")
                    .execute(Tuple.of(orphan, "http://127.0.0.1:" + port))
                    .chain(
                        () ->
                            conn.preparedQuery(
                                    "INSERT INTO host_leases (host_id, role, holder, acquired_at,"
                                        + " heartbeat_at, expires_at) VALUES ($1, 'connector',"
                                        + " 'dead-replica', now(), now(), now() + interval '4 seconds')")
                                .execute(Tuple.of(orphan))))
        .await()
        .atMost(Duration.ofSeconds(5));
    Thread.sleep(2000);
    assertThat(supervisor.ownedHosts()).as("leased by a live replica").doesNotContain(orphan);
    await("taken over after expiry", () -> supervisor.ownedHosts().contains(orphan));
    pool.preparedQuery("UPDATE hosts SET enabled = false WHERE id = $1")
        .execute(Tuple.of(orphan))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  // ------------------------------------------------------------------ helpers

  private double malformed() {
    return registry.counter("boocontrol_connector_malformed_events_total").count();
  }

  private void inject(String raw) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + controlPort
                            + "/sim/hosts/"
                            + port
                            + "/events/inject"))
                .POST(HttpRequest.BodyPublishers.ofString(raw))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private List<LivenessState> livenessSince(int index) {
    List<HostLiveness> all =
        all(FleetEvents.HOST_LIVENESS).stream().filter(l -> l.hostId().equals(hostId)).toList();
    return all.subList(Math.min(index, all.size()), all.size()).stream()
        .map(HostLiveness::state)
        .toList();
  }

  private List<ActivityRecorded> activity() {
    return all(FleetEvents.ACTIVITY_RECORDED);
  }

  private static <T> List<T> all(dev.boocontrol.contracts.EventType<T> type) {
    return SEEN.stream().map(e -> e.payload(type)).flatMap(java.util.Optional::stream).toList();
  }

  private int chat(String model, boolean stream, String source) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\""
                        + model
                        + "\",\"stream\":"
                        + stream
                        + ",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hello "
                        + System.nanoTime()
                        + "\"}]}"));
    if (source != null) {
      b.header("X-Boo-Source", source);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private void control(String method, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + controlPort + "/sim/hosts/" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Eventually.await(what, WAIT, condition);
  }
}
