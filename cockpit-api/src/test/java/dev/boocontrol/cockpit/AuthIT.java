package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every API refuses a caller who has not logged in; logins are checked, throttled, revocable. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT {

  @Test
  @Order(1)
  void theApiRefusesAnonymousCallersWithJson() {
    for (String path : new String[] {"/api/me", "/api/service", "/api/hosts"}) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .contentType("application/json")
          .body("error", notNullValue());
    }
    given().cookie("boo_session", "forged-or-expired").get("/api/me").then().statusCode(401);
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  @Order(2)
  void aLoginGivesAnHttpOnlyStrictSessionThatLogoutEnds() {
    Response login =
        given()
            .contentType("application/json")
            .body("{\"user\":\"admin\",\"password\":\"" + Operator.PASSWORD + "\"}")
            .post("/api/login");
    login.then().statusCode(200).body("operator", equalTo("admin"));
    String setCookie = login.getHeader("Set-Cookie");
    assertThat(setCookie)
        .startsWith("boo_session=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/");
    String token = login.getCookie("boo_session");
    assertThat(login.asString()).doesNotContain(token).doesNotContain(Operator.PASSWORD);

    given()
        .cookie("boo_session", token)
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("operator", equalTo("admin"));
    given().cookie("boo_session", token).post("/api/logout").then().statusCode(204);
    given().cookie("boo_session", token).get("/api/me").then().statusCode(401);
  }

  @Test
  @Order(3)
  void badInputNamesTheField() {
    given()
        .contentType("application/json")
        .body("{\"password\":\"x\"}")
        .post("/api/login")
        .then()
        .statusCode(400)
        .body("field", equalTo("user"));
    given()
        .contentType("application/json")
        .body("{\"user\":\"admin\"}")
        .post("/api/login")
        .then()
        .statusCode(400)
        .body("field", equalTo("password"));
  }

  @Test
  @Order(4)
  void repeatedFailuresAreThrottled() {
    int throttledAt = -1;
    for (int i = 1; i <= 8 && throttledAt < 0; i++) {
      int status =
          given()
              .contentType("application/json")
              .body("{\"user\":\"intruder\",\"password\":\"guess-" + i + "\"}")
              .post("/api/login")
              .then()
              .extract()
              .statusCode();
      if (status == 429) {
        throttledAt = i;
      } else {
        assertThat(status).isEqualTo(401);
      }
    }
    assertThat(throttledAt).as("throttled after the configured failures").isBetween(4, 7);
    given()
        .contentType("application/json")
        .body("{\"user\":\"intruder\",\"password\":\"" + Operator.PASSWORD + "\"}")
        .post("/api/login")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("error", notNullValue());
    // another user name from the same address is not locked out
    Operator.login();
  }
}
