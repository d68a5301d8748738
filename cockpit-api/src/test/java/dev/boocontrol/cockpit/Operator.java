package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;

/** Logs the test operator in (credentials from the %test profile) and returns the session token. */
final class Operator {

  static final String USER = "admin";
  static final String PASSWORD = "test-operator-password";

  private Operator() {}

  static String login() {
    return given()
        .contentType("application/json")
        .body("{\"user\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}")
        .post("/api/login")
        .then()
        .statusCode(200)
        .extract()
        .cookie("boo_session");
  }
}
