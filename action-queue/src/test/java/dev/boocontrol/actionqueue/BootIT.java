package dev.boocontrol.actionqueue;

import dev.boocontrol.platform.testing.BootHostsResource;
import dev.boocontrol.platform.testing.ServiceBootContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** action-queue boots against the real PostgreSQL and Kafka and passes the shared boot contract. */
@QuarkusTest
@QuarkusTestResource(value = BootHostsResource.class, restrictToAnnotatedClass = true)
class BootIT extends ServiceBootContract {

  @Override
  protected String expectedServiceName() {
    return "action-queue";
  }
}
