package dev.boocontrol.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.cockpit.core.HostSeed;
import dev.boocontrol.cockpit.live.FleetSeedRepository;
import dev.boocontrol.contracts.cockpit.ModelView;
import dev.boocontrol.platform.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up seed against the real PostgreSQL: each model's newest state, and when its newest
 * request finished (the TTL countdown's clock after a cockpit restart).
 */
@QuarkusTest
class FleetSeedIT {

  private static final String HOST = "seed-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant T = Instant.parse("2026-08-22T16:30:00.250Z");

  @Inject FleetSeedRepository seeds;

  @BeforeAll
  static void insert() throws SQLException {
    try (Connection db = TestDatabase.connect(TestDatabase.database())) {
      exec(
          db,
          "INSERT INTO hosts (id, display_name, base_url, kind) VALUES (?, ?, ?, 'llama-swap')",
          HOST,
          "Seed test",
          "http://127.0.0.1:1");
      exec(db, "INSERT INTO host_epochs (host_id, epoch, reason) VALUES (?, 1, 'test')", HOST);
      for (String model : List.of("used", "idle")) {
        exec(
            db,
            "INSERT INTO model_events (host_id, model_id, observed_at, from_state, to_state)"
                + " VALUES (?, ?, ?, 'starting', 'ready')",
            HOST,
            model,
            T.atOffset(ZoneOffset.UTC));
      }
      for (int id = 1; id <= 3; id++) {
        exec(
            db,
            """
            INSERT INTO request_activity (host_id, epoch, activity_id, finished_at, model,
              req_path, resp_status_code, input_tokens, output_tokens, cache_tokens,
              prompt_per_second, tokens_per_second, duration_ms, source)
            VALUES (?, 1, ?, ?, 'used', '/v1/chat/completions', 200, 1, 1, 0, 1, 1, 10, 'it')
            """,
            HOST,
            (long) id,
            // the middle row is the newest: the answer is a max, not the last id
            T.plus(Duration.ofSeconds(id == 2 ? 90 : 10 * id)).atOffset(ZoneOffset.UTC));
      }
    }
  }

  @AfterAll
  static void retire() throws SQLException {
    try (Connection db = TestDatabase.connect(TestDatabase.database())) {
      exec(db, "UPDATE hosts SET enabled = false WHERE id = ?", HOST);
    }
  }

  @Test
  void eachModelIsSeededWithWhenItsNewestRequestFinished() {
    HostSeed seed =
        seeds.load().await().atMost(Duration.ofSeconds(20)).stream()
            .filter(s -> s.hostId().equals(HOST))
            .findFirst()
            .orElseThrow();
    assertThat(seed.models())
        .extracting(ModelView::modelId, ModelView::state, ModelView::lastUsedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("used", "ready", T.plusSeconds(90)),
            org.assertj.core.groups.Tuple.tuple("idle", "ready", null));
    // TTLs are not stored: they come back with host.info from the liveness topic.
    assertThat(seed.models()).allSatisfy(m -> assertThat(m.ttlSeconds()).isNull());
  }

  private static void exec(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    }
  }
}
