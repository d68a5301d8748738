package dev.boocontrol.cockpit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Policy CRUD against the real PostgreSQL: validation names the field and stores nothing. */
@QuarkusTest
class PoliciesIT {

  private static final String GOOD =
      "{\"description\":\"team red\",\"spec\":{\"candidates\":[\"*coder*\"],\"order\":[\"warm\",\"size\"]}}";

  @Test
  void builtInsAreListedAndPoliciesAreSavedValidatedAndDeleted() {
    String token = Operator.login();
    String name = "auto:it-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .cookie("boo_session", token)
        .get("/api/policies")
        .then()
        .statusCode(200)
        .body("name", hasItems("auto", "auto:code", "auto:fast", "auto:cheap"));

    given()
        .cookie("boo_session", token)
        .body(GOOD)
        .put("/api/policies/" + name)
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("spec.order[1]", equalTo("size"))
        .body("updatedBy", equalTo("admin"))
        .body("builtin", equalTo(false));

    // A bad order key, a typo'd field, a bad name: 400 naming it, the stored policy unchanged.
    given()
        .cookie("boo_session", token)
        .body("{\"spec\":{\"candidates\":[\"*\"],\"order\":[\"warm\",\"speed\"]}}")
        .put("/api/policies/" + name)
        .then()
        .statusCode(400)
        .body("field", equalTo("spec.order[1]"));
    given()
        .cookie("boo_session", token)
        .body("{\"spec\":{\"candidates\":[\"*\"],\"ordr\":[]}}")
        .put("/api/policies/" + name)
        .then()
        .statusCode(400)
        .body("field", equalTo("spec"));
    given()
        .cookie("boo_session", token)
        .body(GOOD)
        .put("/api/policies/gpt-4")
        .then()
        .statusCode(400)
        .body("field", equalTo("name"));
    given()
        .cookie("boo_session", token)
        .get("/api/policies")
        .then()
        .body("find { it.name == '" + name + "' }.spec.order[1]", equalTo("size"));

    given()
        .cookie("boo_session", token)
        .get("/api/policies/" + name + "/dispatches")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
    given()
        .cookie("boo_session", token)
        .get("/api/policies/" + name + "/dispatches?limit=999")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));

    given().cookie("boo_session", token).delete("/api/policies/auto").then().statusCode(409);
    given().cookie("boo_session", token).delete("/api/policies/" + name).then().statusCode(204);
    given().cookie("boo_session", token).delete("/api/policies/" + name).then().statusCode(404);
    given().body(GOOD).put("/api/policies/" + name).then().statusCode(401);
    given().get("/api/policies").then().statusCode(401);
  }
}
