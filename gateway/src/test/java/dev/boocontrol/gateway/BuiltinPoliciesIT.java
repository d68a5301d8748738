package dev.boocontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.Json;
import dev.boocontrol.contracts.policy.BuiltinPolicies;
import dev.boocontrol.contracts.policy.PolicySpec;
import dev.boocontrol.contracts.policy.PolicyValidator;
import dev.boocontrol.platform.testing.BootHostsResource;
import dev.boocontrol.platform.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in virtual models seeded by V7 in the real PostgreSQL are the ones the code knows. */
@QuarkusTest
@QuarkusTestResource(value = BootHostsResource.class, restrictToAnnotatedClass = true)
class BuiltinPoliciesIT {

  @Test
  void theSeededBuiltInsEqualBuiltinPoliciesAndAreValid() throws Exception {
    Map<String, PolicySpec> seeded = new HashMap<>();
    try (Connection c = TestDatabase.connect(TestDatabase.database());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name, spec::text FROM route_policies WHERE builtin")) {
      while (r.next()) {
        seeded.put(r.getString(1), PolicySpec.parse(Json.MAPPER.readTree(r.getString(2))));
      }
    }
    assertThat(seeded).isEqualTo(BuiltinPolicies.ALL);
    seeded.forEach((name, spec) -> assertThat(PolicyValidator.validate(name, spec)).isEmpty());
  }
}
