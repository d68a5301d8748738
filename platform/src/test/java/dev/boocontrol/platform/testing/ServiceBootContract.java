package dev.boocontrol.platform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Query;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every BooControl service proves when it boots against the real PostgreSQL and the real Kafka
 * broker. A service's {@code BootIT} extends this and adds {@code @QuarkusTest} and
 * {@code @QuarkusTestResource(BootHostsResource.class)}: Quarkus finds test resources only on the
 * module's own test classes.
 */
public abstract class ServiceBootContract {

  @Inject Pool pool;

  @Test
  void readinessIsUpAndCoversPostgresAndKafka() {
    JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    assertThat(health.getString("status")).isEqualTo("UP");
    List<String> names = health.getList("checks.name");
    assertThat(names)
        .anySatisfy(n -> assertThat(n).containsIgnoringCase("postgresql"))
        .anySatisfy(n -> assertThat(n).containsIgnoringCase("kafka"));
    assertThat(health.getList("checks.status", String.class)).containsOnly("UP");
  }

  @Test
  void livenessIsUp() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetricsAreExposed() {
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"))
        .body(containsString("http_server_requests_seconds"));
  }

  @Test
  void schemaIsMigrated() {
    List<Row> rows =
        await(pool.query("SELECT version, success FROM flyway_schema_history WHERE version = '1'"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getBoolean("success")).isTrue();
  }

  @Test
  void hostRegistryFileIsUpsertedWithoutLeakingTheKey() {
    Map<String, Row> hosts = new HashMap<>();
    await(pool.query("SELECT * FROM hosts WHERE id LIKE 'boot-%'"))
        .forEach(r -> hosts.put(r.getString("id"), r));
    assertThat(hosts).containsOnlyKeys("boot-gpu", "boot-gateway");
    assertThat(hosts.get("boot-gpu").getString("kind")).isEqualTo("llama-swap");
    assertThat(hosts.get("boot-gpu").getString("base_url")).isEqualTo("http://127.0.0.1:9");
    assertThat(hosts.get("boot-gpu").getString("display_name")).isEqualTo("Boot test GPU host");
    assertThat(hosts.get("boot-gateway").getString("kind")).isEqualTo("gateway");
    assertThat(hosts.get("boot-gateway").getString("display_name")).isEqualTo("boot-gateway");
    // the key is stored for the connectors, but no endpoint of the service may echo it
    given().get("/q/health").then().body(not(containsString("boot-secret-key")));
    given().get("/q/metrics").then().body(not(containsString("boot-secret-key")));
  }

  @Test
  void serviceInfoNamesTheServiceAndCountsHosts() {
    JsonPath info = api().get("/api/service").then().statusCode(200).extract().jsonPath();
    assertThat(info.getString("service")).isEqualTo(expectedServiceName());
    assertThat(info.getInt("registeredHosts")).isGreaterThanOrEqualTo(2);
    assertThat(info.getInt("connectableHosts"))
        .isPositive()
        .isLessThan(info.getInt("registeredHosts"));
    assertThat(info.getString("startedAt")).isNotBlank();
    api().get("/api/service").then().body(not(containsString("boot-secret-key")));
  }

  /**
   * A request to the service's own API. Services whose API needs a logged-in operator (the cockpit)
   * override this to send their session.
   */
  protected io.restassured.specification.RequestSpecification api() {
    return given();
  }

  /** The service's {@code quarkus.application.name}. */
  protected abstract String expectedServiceName();

  @Test
  void unknownPathsAnswer404() {
    given().get("/no-such-path").then().statusCode(404);
  }

  private static List<Row> await(Query<RowSet<Row>> query) {
    List<Row> out = new ArrayList<>();
    query.execute().await().atMost(Duration.ofSeconds(10)).forEach(out::add);
    return out;
  }
}
