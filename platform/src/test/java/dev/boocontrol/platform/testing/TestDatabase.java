package dev.boocontrol.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real PostgreSQL that {@code ./boocontrol test} starts. Same environment variables and
 * defaults as the {@code %test} profile of the services.
 */
public final class TestDatabase {

  private TestDatabase() {}

  public static String host() {
    return env("BOO_PG_HOST", "127.0.0.1");
  }

  public static String port() {
    return env("BOO_PG_PORT", "15432");
  }

  public static String user() {
    return env("BOO_PG_USER", "boocontrol");
  }

  public static String password() {
    return env("BOO_PG_PASSWORD", "boocontrol");
  }

  public static String database() {
    return env("BOO_TEST_PG_DB", "boocontrol_test");
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user(), password());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
