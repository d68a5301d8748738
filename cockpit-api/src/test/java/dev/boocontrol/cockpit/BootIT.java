package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;

import dev.boocontrol.platform.testing.BootHostsResource;
import dev.boocontrol.platform.testing.ServiceBootContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** cockpit-api boots against the real PostgreSQL and Kafka and passes the shared boot contract. */
@QuarkusTest
@QuarkusTestResource(value = BootHostsResource.class, restrictToAnnotatedClass = true)
class BootIT extends ServiceBootContract {

  @Override
  protected String expectedServiceName() {
    return "cockpit-api";
  }

  @Override
  protected RequestSpecification api() {
    return given().cookie("boo_session", Operator.login());
  }
}
