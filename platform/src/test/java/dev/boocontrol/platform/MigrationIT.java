package dev.boocontrol.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema's history, checked against the real PostgreSQL in a fresh database. */
class MigrationIT {

  private String database;

  @BeforeEach
  void createEmptyDatabase() throws SQLException {
    database = "boo_migration_" + Long.toHexString(System.nanoTime());
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException, InterruptedException {
    // FORCE cannot end an autovacuum worker that happens to be in the new database (it belongs to
    // the superuser): wait for it to finish and try again.
    for (int attempt = 1; ; attempt++) {
      try (Connection c = TestDatabase.connect(TestDatabase.database());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        return;
      } catch (SQLException busy) {
        if (attempt == 20 || !String.valueOf(busy.getMessage()).contains("pg_signal_backend")) {
          throw busy;
        }
        Thread.sleep(500);
      }
    }
  }

  private Flyway flyway(String target) {
    var config =
        Flyway.configure()
            .dataSource(
                TestDatabase.jdbcUrl(database), TestDatabase.user(), TestDatabase.password())
            .locations("classpath:db/migration");
    if (target != null) {
      config.target(target);
    }
    return config.load();
  }

  @Test
  void migratesAnEmptyDatabaseThenAgainWithNoChange() throws SQLException {
    MigrateResult first = flyway(null).migrate();
    int available = flyway(null).info().all().length;
    assertThat(first.migrationsExecuted).isEqualTo(available).isPositive();
    String schemaAfterFirst = schemaFingerprint();
    assertThat(schemaAfterFirst)
        .contains(
            "hosts.api_key",
            "request_activity.source",
            "request_activity.activity_id",
            "model_events.to_state",
            "gpu_samples.mem_used_mb",
            "system_samples.load_avg_1",
            "gpu_rollups_5m.bucket_start",
            "request_rollups_5m.requests",
            "host_leases.expires_at",
            "host_epochs.captured_at",
            "control_actions.takeover_confirmed",
            "control_actions.duration_ms",
            "host_access_holds.expires_at");

    MigrateResult second = flyway(null).migrate();
    assertThat(second.migrationsExecuted).isZero();
    assertThat(schemaFingerprint()).isEqualTo(schemaAfterFirst);
    flyway(null).validate();
  }

  @Test
  void everyVersionMigratesOverDataWrittenAtThePreviousOne() throws SQLException {
    MigrationInfo[] all = flyway(null).info().all();
    int rowsWritten = 0;
    for (MigrationInfo step : all) {
      flyway(step.getVersion().getVersion()).migrate();
      rowsWritten += writeSampleRows(step.getVersion().getVersion());
      assertThat(count("hosts")).isEqualTo(rowsWritten);
    }
    assertThat(count("request_activity")).isEqualTo(rowsWritten);
  }

  @Test
  void activityKeyIsHostEpochIdAndSourceIsRequired() throws SQLException {
    flyway(null).migrate();
    writeSampleRows("dup");
    try (Connection c = TestDatabase.connect(database);
        Statement s = c.createStatement()) {
      // the same row again, as a replay would insert it: no second row
      s.execute(insertActivity("host-dup", 1, 42, "'chat'") + " ON CONFLICT DO NOTHING");
      assertThat(count("request_activity")).isEqualTo(1);
      // a new epoch may reuse the id
      s.execute(
          "INSERT INTO host_epochs (host_id, epoch, reason) VALUES ('host-dup', 2, 'restart')");
      s.execute(insertActivity("host-dup", 2, 42, "'chat'"));
      assertThat(count("request_activity")).isEqualTo(2);
      // source may never be NULL
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> s.execute(insertActivity("host-dup", 2, 43, "NULL")))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("source");
    }
  }

  @Test
  void aControlActionNeedsAModelExceptForUnloadAll() throws SQLException {
    flyway(null).migrate();
    writeSampleRows("act");
    try (Connection c = TestDatabase.connect(database);
        Statement s = c.createStatement()) {
      s.execute(insertAction("'unload_all'", "NULL"));
      s.execute(insertAction("'warm'", "'qwen3-30b'"));
      assertThat(count("control_actions")).isEqualTo(2);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> s.execute(insertAction("'warm'", "NULL")))
          .isInstanceOf(SQLException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> s.execute(insertAction("'reboot'", "'x'")))
          .isInstanceOf(SQLException.class);
    }
  }

  private static String insertAction(String kind, String model) {
    return "INSERT INTO control_actions (id, host_id, kind, model, requested_by, requested_at,"
        + " state, owner) VALUES (gen_random_uuid(), 'host-act', "
        + kind
        + ", "
        + model
        + ", 'admin', now(), 'queued', 'it')";
  }

  /** One host with one activity row; the id is derived from the version so steps never clash. */
  private int writeSampleRows(String version) throws SQLException {
    String host = "host-" + version.replace('.', '-');
    try (Connection c = TestDatabase.connect(database);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO hosts (id, display_name, base_url, kind) VALUES ('"
              + host
              + "', 'h', 'http://h', 'llama-swap')");
      s.execute(
          "INSERT INTO host_epochs (host_id, epoch, reason) VALUES ('" + host + "', 1, 'first')");
      s.execute(insertActivity(host, 1, 42, "'chat'"));
    }
    return 1;
  }

  private static String insertActivity(String host, int epoch, long id, String source) {
    return "INSERT INTO request_activity (host_id, epoch, activity_id, finished_at, model, req_path,"
        + " resp_status_code, input_tokens, output_tokens, cache_tokens, prompt_per_second,"
        + " tokens_per_second, duration_ms, source) VALUES ('"
        + host
        + "', "
        + epoch
        + ", "
        + id
        + ", now(), 'qwen3-30b', '/v1/chat/completions', 200, 412, 12, 1024, 1058.5, 44.7, 16646, "
        + source
        + ")";
  }

  private int count(String table) throws SQLException {
    try (Connection c = TestDatabase.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Tables, columns, types, nullability and defaults, plus every index and constraint. */
  private String schemaFingerprint() throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection c = TestDatabase.connect(database);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT table_name, column_name, data_type, is_nullable, column_default"
                  + " FROM information_schema.columns WHERE table_schema = 'public'"
                  + " ORDER BY table_name, column_name")) {
        while (rs.next()) {
          lines.add(
              rs.getString(1)
                  + "."
                  + rs.getString(2)
                  + " "
                  + rs.getString(3)
                  + " "
                  + rs.getString(4)
                  + " "
                  + rs.getString(5));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                  + " WHERE connamespace = 'public'::regnamespace ORDER BY conname")) {
        while (rs.next()) {
          lines.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
    }
    return String.join("\n", lines);
  }
}
