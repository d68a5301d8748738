package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The action endpoints over the real HTTP client against a stand-in for action-queue ({@link
 * ActionQueueStub}): answers pass through with their status and body, the operator is recorded as
 * requestedBy, a silent or stopped action-queue is a 503 saying so, and the breaker opens after
 * repeated failures. The stub is stopped by the last test, so the order matters.
 */
@QuarkusTest
@QuarkusTestResource(value = ActionQueueStub.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActionsIT {

  @Test
  @Order(1)
  void anonymousCallersAreRefusedAndNothingIsForwarded() {
    int before = ActionQueueStub.RECEIVED.size();
    given()
        .contentType("application/json")
        .body("{\"kind\":\"unload_all\"}")
        .post("/api/hosts/h1/actions")
        .then()
        .statusCode(401)
        .body("error", containsString("log in"));
    given().get("/api/hosts/h1/actions").then().statusCode(401);
    given().delete("/api/actions/a-1").then().statusCode(401);
    assertThat(ActionQueueStub.RECEIVED).hasSize(before);
  }

  @Test
  @Order(2)
  void aSubmitIsForwardedWithTheOperatorAsRequestedByAndTheAnswerPassesThrough() {
    String token = Operator.login();
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"warm\",\"model\":\"qwen\",\"requestedBy\":\"mallory\"}")
        .post("/api/hosts/h1/actions")
        .then()
        .statusCode(202)
        .body("id", equalTo("a-1"))
        .body("position", equalTo(1))
        .body("sent.kind", equalTo("warm"))
        .body("sent.model", equalTo("qwen"))
        .body("sent.requestedBy", equalTo(Operator.USER));
    ActionQueueStub.Received last =
        ActionQueueStub.RECEIVED.get(ActionQueueStub.RECEIVED.size() - 1);
    assertThat(last.method()).isEqualTo("POST");
    assertThat(last.path()).isEqualTo("/api/hosts/h1/actions");
  }

  @Test
  @Order(3)
  void refusalsPassThroughWithTheirStatusAndBody() {
    String token = Operator.login();
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"unload\",\"model\":\"qwen\"}")
        .post("/api/hosts/busy/actions")
        .then()
        .statusCode(409)
        .body("error", equalTo("takeover needed"))
        .body("message", containsString("foreign"))
        .body("running[0].source", equalTo("open-webui"));
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"unload\",\"model\":\"qwen\",\"confirmTakeover\":true}")
        .post("/api/hosts/busy/actions")
        .then()
        .statusCode(202)
        .body("sent.confirmTakeover", equalTo(true));
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"unload_all\"}")
        .post("/api/hosts/full/actions")
        .then()
        .statusCode(429)
        .body("error", containsString("full"));
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"unload_all\"}")
        .post("/api/hosts/down/actions")
        .then()
        .statusCode(503)
        .body("error", containsString("down"));
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"boil\"}")
        .post("/api/hosts/picky/actions")
        .then()
        .statusCode(400)
        .body("field", equalTo("kind"));
  }

  @Test
  @Order(4)
  void aBodyThatIsNotAJsonObjectIsRefusedHereNamingTheBody() {
    String token = Operator.login();
    int before = ActionQueueStub.RECEIVED.size();
    for (String bad : new String[] {"[1,2]", "not json", ""}) {
      given()
          .cookie("boo_session", token)
          .contentType("application/json")
          .body(bad)
          .post("/api/hosts/h1/actions")
          .then()
          .statusCode(400)
          .body("field", equalTo("body"));
    }
    assertThat(ActionQueueStub.RECEIVED).hasSize(before);
  }

  @Test
  @Order(5)
  void listGetAndCancelPassThroughAndTheCancelNamesTheOperator() {
    String token = Operator.login();
    given()
        .cookie("boo_session", token)
        .get("/api/hosts/h1/actions")
        .then()
        .statusCode(200)
        .body("hostId", equalTo("h1"))
        .body("running", nullValue());
    given()
        .cookie("boo_session", token)
        .get("/api/actions/a-7")
        .then()
        .statusCode(200)
        .body("id", equalTo("a-7"));
    given().cookie("boo_session", token).get("/api/actions/unknown").then().statusCode(404);
    given()
        .cookie("boo_session", token)
        .delete("/api/actions/a-7")
        .then()
        .statusCode(200)
        .body("state", equalTo("cancelled"));
    ActionQueueStub.Received last =
        ActionQueueStub.RECEIVED.get(ActionQueueStub.RECEIVED.size() - 1);
    assertThat(last.method()).isEqualTo("DELETE");
    assertThat(last.query()).isEqualTo("requestedBy=" + Operator.USER);
  }

  @Test
  @Order(6)
  void aSilentActionQueueIsA503AndAPostIsNeverRetried() {
    String token = Operator.login();
    int before = ActionQueueStub.RECEIVED.size();
    given()
        .cookie("boo_session", token)
        .contentType("application/json")
        .body("{\"kind\":\"unload_all\"}")
        .post("/api/hosts/silent/actions")
        .then()
        .statusCode(503)
        .body("error", containsString("did not answer in time"));
    assertThat(ActionQueueStub.RECEIVED.subList(before, ActionQueueStub.RECEIVED.size()))
        .extracting(ActionQueueStub.Received::method)
        .containsExactly("POST");

    int gets = ActionQueueStub.RECEIVED.size();
    given()
        .cookie("boo_session", token)
        .get("/api/hosts/silent/actions")
        .then()
        .statusCode(503)
        .body("error", containsString("did not answer in time"));
    // a read is retried: the first try and two more
    assertThat(ActionQueueStub.RECEIVED.size() - gets).isEqualTo(3);
  }

  @Test
  @Order(7)
  void anUnreachableActionQueueIsA503AndTheBreakerThenOpens() {
    String token = Operator.login();
    ActionQueueStub.shutDown();
    Response first =
        given()
            .cookie("boo_session", token)
            .contentType("application/json")
            .body("{\"kind\":\"unload_all\"}")
            .post("/api/hosts/h1/actions");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.jsonPath().getString("error")).contains("unreachable at http://127.0.0.1:");

    String message = null;
    for (int i = 0; i < 8 && (message == null || !message.contains("several times")); i++) {
      Response next =
          given()
              .cookie("boo_session", token)
              .contentType("application/json")
              .body("{\"kind\":\"unload_all\"}")
              .post("/api/hosts/h1/actions");
      assertThat(next.statusCode()).isEqualTo(503);
      message = next.jsonPath().getString("error");
    }
    assertThat(message).contains("failed several times in a row");
  }
}
