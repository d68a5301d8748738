package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.TestDatabase;
import dev.boocontrol.sim.Ports;
import dev.boocontrol.sim.SimMain;
import dev.boocontrol.sim.core.SimConfigParser;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ingest promise, end to end with the packaged services as separate processes: two simulated
 * hosts take requests while faults hit them (restart, reload, half-open stream, TCP drop, host
 * down), the connector and perf-ingest are killed with SIGKILL and restarted, and a second
 * connector replica takes over a dead one's hosts. After each, every row the hosts produced is in
 * PostgreSQL exactly once, or inside a gap window that says it was lost, and no gap is false.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestSystemIT {

  private static final String HOST_A =
      """
      metricsMaxInMemory: 10
      performance:
        every: 1s
      sim:
        hostName: sys-a
        fastClock: true
      models:
        a:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
        b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
      """;

  private static final String HOST_B =
      """
      metricsMaxInMemory: 25
      performance:
        every: 1s
      sim:
        hostName: sys-b
        fastClock: true
      models:
        c:
          sim: {loadSeconds: 0.1, unloadSeconds: 0.05, genTps: 400, promptTps: 20000}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Random RANDOM = new Random(20261125L);

  private static Vertx vertx;
  private static int control;
  private static final Map<String, Integer> PORT = new HashMap<>();
  private static final Map<String, String> MODELS_OF = new HashMap<>();
  private static String hostA;
  private static String hostB;
  private static Path hostsFile;
  private static Map<String, String> env;
  private static ServiceProcess connector;
  private static ServiceProcess ingest;
  private static final List<ServiceProcess> started = new ArrayList<>();

  @BeforeAll
  static void startHostsAndServices() throws Exception {
    int[] ports = Ports.freeRun(7);
    control = ports[0];
    vertx = Vertx.vertx();
    new SimMain(vertx)
        .start(
            List.of(SimConfigParser.parse(HOST_A, "sys-a"), SimConfigParser.parse(HOST_B, "sys-b")),
            ports[1],
            control)
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    hostA = "sys-a-" + suffix;
    hostB = "sys-b-" + suffix;
    PORT.put(hostA, ports[1]);
    PORT.put(hostB, ports[2]);
    MODELS_OF.put(hostA, "a,b");
    MODELS_OF.put(hostB, "c");
    hostsFile = Files.createTempFile("system-hosts", ".yaml");
    Files.writeString(
        hostsFile,
        "hosts:\n"
            + "  - id: "
            + hostA
            + "\n    url: http://127.0.0.1:"
            + ports[1]
            + "\n  - id: "
            + hostB
            + "\n    url: http://127.0.0.1:"
            + ports[2]
            + "\n");
    env = new HashMap<>();
    env.put("BOO_HOSTS_FILE", hostsFile.toString());
    env.put("BOO_PG_HOST", TestDatabase.host());
    env.put("BOO_PG_PORT", TestDatabase.port());
    env.put("BOO_PG_USER", TestDatabase.user());
    env.put("BOO_PG_PASSWORD", TestDatabase.password());
    env.put("BOO_PG_DB", TestDatabase.database());
    env.put(
        "BOO_KAFKA_BOOTSTRAP",
        System.getenv().getOrDefault("BOO_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19192"));
    env.put("BOOCONTROL_REGISTRY_DISABLE_UNLISTED", "false");
    env.put("BOOCONTROL_FLEET_CONNECTOR_HEALTH_PROBE_INTERVAL", "1s");
    env.put("BOOCONTROL_FLEET_CONNECTOR_RECONNECT_MAX_BACKOFF", "500ms");
    env.put("BOOCONTROL_FLEET_CONNECTOR_FAILURES_BEFORE_DOWN", "3");
    env.put("BOOCONTROL_FLEET_CONNECTOR_DOWN_PROBE_INTERVAL", "1s");
    env.put("BOOCONTROL_FLEET_CONNECTOR_REQUEST_TIMEOUT", "3s");
    env.put("BOOCONTROL_PERF_INGEST_POLL_INTERVAL", "1s");
    connector = track(new ServiceProcess("fleet-connector", "connector-1", ports[3], env).start());
    ingest = track(new ServiceProcess("perf-ingest", "perf-ingest-1", ports[4], env).start());
    PORT.put("connector-2", ports[5]);
    PORT.put("connector-1", ports[3]);
    PORT.put("perf-ingest", ports[4]);
    awaitSubscribed(hostA);
    awaitSubscribed(hostB);
  }

  private static ServiceProcess track(ServiceProcess p) {
    started.add(p);
    return p;
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (ServiceProcess p : started) {
      p.close();
    }
    if (hostA != null) {
      try (Connection c = TestDatabase.connect(TestDatabase.database());
          PreparedStatement s =
              c.prepareStatement("UPDATE hosts SET enabled = false WHERE id = ANY(?)")) {
        s.setArray(1, c.createArrayOf("text", new Object[] {hostA, hostB}));
        s.executeUpdate();
      }
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (hostsFile != null) {
      Files.deleteIfExists(hostsFile);
    }
  }

  // ------------------------------------------------------------------ scenarios

  @Test
  @Order(1)
  void everyRowArrivesExactlyOnceThroughTwentyFaults() throws Exception {
    AtomicBoolean faultsDone = new AtomicBoolean();
    AtomicInteger served = new AtomicInteger();
    ExecutorService drivers = Executors.newFixedThreadPool(3);
    for (int t = 0; t < 3; t++) {
      drivers.submit(
          () -> {
            while (!Thread.currentThread().isInterrupted()
                && (!faultsDone.get() || served.get() < 220)) {
              String host = RANDOM.nextBoolean() ? hostA : hostB;
              if (chat(host) == 200) {
                served.incrementAndGet();
              }
              pause(20 + RANDOM.nextInt(100));
            }
            return null;
          });
    }
    List<String> injected = new ArrayList<>();
    String[] kinds = {"restart", "reload", "hang", "drop", "down-refuse", "down-hang"};
    try {
      for (int i = 0; i < 24; i++) {
        pause(200 + RANDOM.nextInt(1200));
        String host = RANDOM.nextBoolean() ? hostA : hostB;
        String kind = kinds[i % kinds.length]; // every kind four times, on random hosts
        injected.add(kind + "@" + host);
        fault(host, kind);
      }
    } finally {
      faultsDone.set(true);
      drivers.shutdown();
    }
    assertThat(drivers.awaitTermination(3, TimeUnit.MINUTES)).as("request drivers ended").isTrue();
    System.out.printf(
        "chaos: %d faults %s, %d requests served%n", injected.size(), injected, served.get());

    assertThat(served.get()).isGreaterThanOrEqualTo(220);
    assertExactlyOnce(hostA);
    assertExactlyOnce(hostB);
  }

  @Test
  @Order(2)
  void killingTheConnectorMidLoadLosesOnlyWhatTheHostPrunedAndSaysSo() throws Exception {
    int gapsBefore = gaps(hostA).size();
    for (int i = 0; i < 5; i++) {
      chat(hostA);
    }
    connector.kill();
    // metricsMaxInMemory is 10 on host A: 25 rows while nobody reads means 15 are pruned unseen.
    for (int i = 0; i < 25; i++) {
      assertThat(chat(hostA)).isEqualTo(200);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(chat(hostB)).isEqualTo(200);
    }
    connector =
        track(
            new ServiceProcess("fleet-connector", "connector-1", PORT.get("connector-1"), env)
                .start());
    assertExactlyOnce(hostA);
    assertExactlyOnce(hostB);
    assertThat(gaps(hostA)).as("the pruned rows are reported").hasSizeGreaterThan(gapsBefore);
  }

  @Test
  @Order(3)
  void killingPerfIngestMidLoadLosesNothing() throws Exception {
    int gapsBefore = gaps(hostA).size() + gaps(hostB).size();
    ingest.kill();
    for (int i = 0; i < 20; i++) {
      assertThat(chat(i % 2 == 0 ? hostA : hostB)).isEqualTo(200);
      pause(50); // the connector keeps up; only the writer is gone
    }
    ingest =
        track(
            new ServiceProcess("perf-ingest", "perf-ingest-1", PORT.get("perf-ingest"), env)
                .start());
    assertExactlyOnce(hostA);
    assertExactlyOnce(hostB);
    assertThat(gaps(hostA).size() + gaps(hostB).size()).isEqualTo(gapsBefore);
  }

  @Test
  @Order(4)
  void aSecondReplicaTakesOverADeadOnesHostsWithinFifteenSeconds() throws Exception {
    ServiceProcess second =
        track(
            new ServiceProcess("fleet-connector", "connector-2", PORT.get("connector-2"), env)
                .start());
    pause(3000);
    for (String host : List.of(hostA, hostB)) {
      assertThat(holders(host)).as("one connector lease for " + host).hasSize(1);
      assertThat(subscribers(host)).as("one event stream on " + host).isEqualTo(1);
    }
    String holderOfA = holders(hostA).get(0);
    ServiceProcess victim = holderOfA.equals(second.name()) ? second : connector;
    ServiceProcess survivor = victim == second ? connector : second;
    long killedAt = System.nanoTime();
    victim.kill();
    Eventually.await(
        "the survivor reads both hosts",
        Duration.ofSeconds(30),
        () ->
            List.of(hostA, hostB).stream()
                .allMatch(h -> holders(h).equals(List.of(survivor.name())) && subscribers(h) == 1));
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.printf("takeover after SIGKILL: %d ms%n", takeover.toMillis());
    assertThat(takeover).isLessThanOrEqualTo(Duration.ofSeconds(15));
    for (int i = 0; i < 6; i++) {
      assertThat(chat(i % 2 == 0 ? hostA : hostB)).isEqualTo(200);
    }
    assertExactlyOnce(hostA);
    assertExactlyOnce(hostB);
  }

  // ------------------------------------------------------------------ faults

  private static void fault(String host, String kind) throws Exception {
    Instant before = capturedAt(host);
    switch (kind) {
      case "restart" -> simPost(host, "/restart");
      case "reload" -> simPost(host, "/reload");
      case "hang" -> {
        simPost(host, "/events/hang");
        pause(300 + RANDOM.nextInt(1500));
        simPost(host, "/events/resume");
      }
      case "drop" -> simPost(host, "/connections/drop");
      case "down-refuse" -> {
        simPost(host, "/down?mode=refuse");
        pause(500 + RANDOM.nextInt(2000));
        simPost(host, "/up");
      }
      case "down-hang" -> {
        simPost(host, "/down?mode=hang");
        pause(500 + RANDOM.nextInt(2000));
        simPost(host, "/up");
      }
      default -> throw new IllegalArgumentException(kind);
    }
    Instant after = capturedAt(host);
    if (!after.equals(before)) {
      // A new process: wait until BooControl knows it, so no lifetime passes unseen.
      Eventually.await(
          "epoch of " + host + " started " + after,
          Duration.ofSeconds(30),
          () ->
              storedEpochs(host).stream()
                  .anyMatch(
                      e ->
                          after
                              .truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                              .equals(e.capturedAt())));
    }
    pause(1000);
    awaitSubscribed(host);
  }

  // ------------------------------------------------------------------ the oracle

  private static void assertExactlyOnce(String host) throws Exception {
    LedgerCheck.Result[] last = new LedgerCheck.Result[1];
    try {
      Eventually.await(
          host + " stored exactly once",
          Duration.ofSeconds(60),
          () -> {
            last[0] =
                LedgerCheck.check(ledger(host), storedEpochs(host), storedRows(host), gaps(host));
            return last[0].problems().isEmpty();
          });
    } catch (AssertionError e) {
      // fall through to the detailed assertion below
    }
    System.out.println(last[0].summary(host));
    assertThat(last[0].problems()).as(host).isEmpty();
    assertThat(last[0].stored()).as("rows stored for " + host).isPositive();
  }

  private static List<LedgerCheck.Lifetime> ledger(String host) {
    JsonNode ledger = simGet(host, "/ledger");
    assertThat(ledger.path("truncated").asBoolean()).as("ledger truncated").isFalse();
    List<LedgerCheck.Lifetime> lifetimes = new ArrayList<>();
    for (JsonNode e : ledger.path("epochs")) {
      Map<Long, LedgerCheck.Row> rows = new TreeMap<>();
      java.util.Set<Long> unannounced = new java.util.TreeSet<>();
      for (JsonNode r : e.path("rows")) {
        if (!r.path("announced").asBoolean(true)) {
          unannounced.add(r.path("id").asLong());
        }
        rows.put(
            r.path("id").asLong(),
            new LedgerCheck.Row(
                r.path("id").asLong(),
                r.path("model").asText(),
                r.path("status").asInt(),
                r.path("input_tokens").asLong(),
                r.path("output_tokens").asLong()));
      }
      lifetimes.add(
          new LedgerCheck.Lifetime(
              Instant.parse(e.path("captured_at").asText()), rows, unannounced));
    }
    return lifetimes;
  }

  private static List<LedgerCheck.StoredEpoch> storedEpochs(String host) {
    List<LedgerCheck.StoredEpoch> out = new ArrayList<>();
    query(
        "SELECT epoch, captured_at FROM host_epochs WHERE host_id = ? ORDER BY epoch",
        host,
        rs -> {
          var t = rs.getObject(2, java.time.OffsetDateTime.class);
          out.add(new LedgerCheck.StoredEpoch(rs.getInt(1), t == null ? null : t.toInstant()));
        });
    return out;
  }

  private static Map<Integer, Map<Long, LedgerCheck.Row>> storedRows(String host) {
    Map<Integer, Map<Long, LedgerCheck.Row>> out = new TreeMap<>();
    query(
        "SELECT epoch, activity_id, model, resp_status_code, input_tokens, output_tokens"
            + " FROM request_activity WHERE host_id = ?",
        host,
        rs ->
            out.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>())
                .put(
                    rs.getLong(2),
                    new LedgerCheck.Row(
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getLong(5),
                        rs.getLong(6))));
    return out;
  }

  private static List<LedgerCheck.Gap> gaps(String host) {
    List<LedgerCheck.Gap> out = new ArrayList<>();
    query(
        "SELECT epoch, from_id, to_id FROM activity_gaps WHERE host_id = ? ORDER BY epoch, from_id",
        host,
        rs -> out.add(new LedgerCheck.Gap(rs.getInt(1), rs.getLong(2), rs.getLong(3))));
    return out;
  }

  private static List<String> holders(String host) {
    List<String> out = new ArrayList<>();
    query(
        "SELECT holder FROM host_leases WHERE host_id = ? AND role = 'connector'"
            + " AND expires_at > now()",
        host,
        rs -> out.add(rs.getString(1)));
    return out;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(String sql, String host, RowReader reader) {
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, host);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  // ------------------------------------------------------------------ hosts

  private static int chat(String host) {
    String[] models = MODELS_OF.get(host).split(",");
    String model = models[RANDOM.nextInt(models.length)];
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":"
            + RANDOM.nextBoolean()
            + ",\"max_tokens\":"
            + (4 + RANDOM.nextInt(12))
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"system test "
            + System.nanoTime()
            + "\"}]}";
    try {
      return HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + PORT.get(host) + "/v1/chat/completions"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("X-Boo-Source", "system-test")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1; // the host is down or dropped us: part of the chaos
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Instant capturedAt(String host) {
    return Instant.parse(simGet(host, "/status").path("captured_at").asText());
  }

  private static int subscribers(String host) {
    return simGet(host, "/status").path("event_subscribers").asInt();
  }

  private static void awaitSubscribed(String host) throws InterruptedException {
    Eventually.await(
        "a connector streams events from " + host,
        Duration.ofSeconds(30),
        () -> subscribers(host) >= 1);
  }

  private static JsonNode simGet(String host, String path) {
    return sim(host, "GET", path);
  }

  private static void simPost(String host, String path) {
    sim(host, "POST", path);
  }

  private static JsonNode sim(String host, String method, String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + control + "/sim/hosts/" + PORT.get(host) + path))
                  .timeout(Duration.ofSeconds(30))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
