package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boocontrol.platform.testing.Eventually;
import dev.boocontrol.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

  private static final Random RANDOM = new Random(20261125L);

  private static SystemStack stack;
  private static String hostA;
  private static String hostB;
  private static int connectorPort;
  private static int ingestPort;
  private static ServiceProcess connector;
  private static ServiceProcess ingest;

  @BeforeAll
  static void startHostsAndServices() throws Exception {
    stack =
        new SystemStack(
            HOST_A,
            List.of("a", "b"),
            HOST_B,
            List.of("c"),
            Map.of(
                "BOOCONTROL_FLEET_CONNECTOR_HEALTH_PROBE_INTERVAL", "1s",
                "BOOCONTROL_FLEET_CONNECTOR_RECONNECT_MAX_BACKOFF", "500ms",
                "BOOCONTROL_FLEET_CONNECTOR_FAILURES_BEFORE_DOWN", "3",
                "BOOCONTROL_FLEET_CONNECTOR_DOWN_PROBE_INTERVAL", "1s",
                "BOOCONTROL_FLEET_CONNECTOR_REQUEST_TIMEOUT", "3s",
                "BOOCONTROL_PERF_INGEST_POLL_INTERVAL", "1s"),
            20261125L);
    hostA = stack.hostA;
    hostB = stack.hostB;
    connectorPort = stack.port();
    ingestPort = stack.port();
    connector = stack.start("fleet-connector", "connector-1", connectorPort);
    ingest = stack.start("perf-ingest", "perf-ingest-1", ingestPort);
    stack.awaitSubscribed(hostA);
    stack.awaitSubscribed(hostB);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (stack != null) {
      stack.close();
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
              if (stack.chat(host) == 200) {
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
      stack.chat(hostA);
    }
    connector.kill();
    // metricsMaxInMemory is 10 on host A: 25 rows while nobody reads means 15 are pruned unseen.
    for (int i = 0; i < 25; i++) {
      assertThat(stack.chat(hostA)).isEqualTo(200);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(stack.chat(hostB)).isEqualTo(200);
    }
    connector = stack.start("fleet-connector", "connector-1", connectorPort);
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
      assertThat(stack.chat(i % 2 == 0 ? hostA : hostB)).isEqualTo(200);
      pause(50); // the connector keeps up; only the writer is gone
    }
    ingest = stack.start("perf-ingest", "perf-ingest-1", ingestPort);
    assertExactlyOnce(hostA);
    assertExactlyOnce(hostB);
    assertThat(gaps(hostA).size() + gaps(hostB).size()).isEqualTo(gapsBefore);
  }

  @Test
  @Order(4)
  void aSecondReplicaTakesOverADeadOnesHostsWithinFifteenSeconds() throws Exception {
    ServiceProcess second = stack.start("fleet-connector", "connector-2", stack.port());
    pause(3000);
    for (String host : List.of(hostA, hostB)) {
      assertThat(holders(host)).as("one connector lease for " + host).hasSize(1);
      assertThat(stack.subscribers(host)).as("one event stream on " + host).isEqualTo(1);
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
                .allMatch(
                    h -> holders(h).equals(List.of(survivor.name())) && stack.subscribers(h) == 1));
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.printf("takeover after SIGKILL: %d ms%n", takeover.toMillis());
    assertThat(takeover).isLessThanOrEqualTo(Duration.ofSeconds(15));
    for (int i = 0; i < 6; i++) {
      assertThat(stack.chat(i % 2 == 0 ? hostA : hostB)).isEqualTo(200);
    }
    assertExactlyOnce(hostA);
    assertExactlyOnce(hostB);
  }

  // ------------------------------------------------------------------ faults

  private static void fault(String host, String kind) throws Exception {
    Instant before = capturedAt(host);
    switch (kind) {
      case "restart" -> stack.simPost(host, "/restart");
      case "reload" -> stack.simPost(host, "/reload");
      case "hang" -> {
        stack.simPost(host, "/events/hang");
        pause(300 + RANDOM.nextInt(1500));
        stack.simPost(host, "/events/resume");
      }
      case "drop" -> stack.simPost(host, "/connections/drop");
      case "down-refuse" -> {
        stack.simPost(host, "/down?mode=refuse");
        pause(500 + RANDOM.nextInt(2000));
        stack.simPost(host, "/up");
      }
      case "down-hang" -> {
        stack.simPost(host, "/down?mode=hang");
        pause(500 + RANDOM.nextInt(2000));
        stack.simPost(host, "/up");
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
    stack.awaitSubscribed(host);
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
    JsonNode ledger = stack.simGet(host, "/ledger");
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

  private static Instant capturedAt(String host) {
    return Instant.parse(stack.simGet(host, "/status").path("captured_at").asText());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
