package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/**
 * Control actions from the browser against the packaged stack (connector, action-queue,
 * cockpit-api; simulated hosts): Warm takes a stopped model to ready, Unload all stops every model,
 * and after someone else's request an Unload asks for a takeover and proceeds once confirmed. The
 * model states on the card come only from the server's frames. An unauthenticated action request is
 * refused. Screenshots in {@code target/screenshots/}.
 */
class ActionsBrowserIT {

  private static final String HOST_A =
      """
      sim:
        hostName: actions-a
        fastClock: true
      models:
        llama-8b:
          sim: {loadSeconds: 0.5, unloadSeconds: 0.1, genTps: 300, promptTps: 20000}
        qwen-7b:
          sim: {loadSeconds: 0.5, unloadSeconds: 0.1, genTps: 300, promptTps: 20000}
      groups:
        both:
          swap: false
          exclusive: false
          members: [llama-8b, qwen-7b]
      """;
  private static final String HOST_B =
      """
      sim:
        hostName: actions-b
        fastClock: true
      models:
        mistral-7b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.1, genTps: 300, promptTps: 20000}
      """;
  private static final String PASSWORD = "actions-test-password";

  private static SystemStack stack;
  private static ChromeDriver browser;
  private static String cockpit;
  private static int queuePort;

  @BeforeAll
  static void start() throws Exception {
    stack =
        new SystemStack(
            HOST_A,
            List.of("llama-8b", "qwen-7b"),
            HOST_B,
            List.of("mistral-7b"),
            Map.of(
                "BOOCONTROL_FLEET_CONNECTOR_HEALTH_PROBE_INTERVAL", "1s",
                "BOOCONTROL_FLEET_CONNECTOR_RECONNECT_MAX_BACKOFF", "500ms",
                "BOO_OPERATOR_PASSWORD", PASSWORD),
            31L);
    queuePort = stack.port();
    stack.start("action-queue", "actions-queue", queuePort);
    stack.env.put("BOO_ACTION_QUEUE_URL", "http://127.0.0.1:" + queuePort);
    int cockpitPort = stack.port();
    stack.start("cockpit-api", "actions-cockpit", cockpitPort);
    stack.start("fleet-connector", "actions-connector", stack.port());
    stack.awaitSubscribed(stack.hostA);
    cockpit = "http://127.0.0.1:" + cockpitPort;
    browser = Chromium.start(1400, 950);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void warmUnloadAllAndATakeoverFromTheBrowser() throws Exception {
    HttpResponse<String> anonymous =
        SystemStack.HTTP.send(
            HttpRequest.newBuilder(URI.create(cockpit + "/api/hosts/" + stack.hostA + "/actions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"unload_all\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("unauthenticated action").isEqualTo(401);

    Chromium.login(browser, cockpit + "/", PASSWORD);
    waitFor("host A's card connected", () -> "CONNECTED".equals(card().getAttribute("data-state")));
    waitFor("llama-8b listed", () -> "stopped".equals(state("llama-8b")));

    // Warm: the row goes to ready through the server's frames.
    click("li[data-model='llama-8b'] button[data-act]");
    waitFor("the warm queued", () -> text(By.id("action-notice")).contains("queued"));
    waitFor("llama-8b ready", () -> "ready".equals(state("llama-8b")));
    Chromium.shot(browser, "actions-1-warmed");

    // Unload all: every model stopped.
    click("button[data-act=unload_all]");
    waitFor("every model stopped", () -> "stopped".equals(state("llama-8b")));
    assertThat(state("qwen-7b")).isIn("stopped", null);

    // Someone else's request: an Unload now needs a takeover.
    assertThat(stack.chat(stack.hostA, "qwen-7b")).isEqualTo(200);
    waitFor("qwen-7b ready", () -> "ready".equals(state("qwen-7b")));
    // action-queue learns of the foreign request from fleet.activity: click only once it knows,
    // or the Unload would simply run.
    waitFor("action-queue sees the foreign use", ActionsBrowserIT::hostATaken);
    click("li[data-model='qwen-7b'] button[data-act]");
    WebElement dialog = browser.findElement(By.id("takeover"));
    waitFor("the takeover dialog", () -> dialog.getAttribute("open") != null);
    assertThat(dialog.getAttribute("open")).as("the takeover dialog opened").isNotNull();
    assertThat(dialog.getText()).contains("system-test");
    Chromium.shot(browser, "actions-2-takeover");
    Chromium.dark(browser, true);
    Chromium.shot(browser, "actions-2-takeover-dark");
    Chromium.dark(browser, false);
    browser.findElement(By.id("takeover-confirm")).click();
    waitFor("qwen-7b stopped after the takeover", () -> "stopped".equals(state("qwen-7b")));
    Chromium.shot(browser, "actions-3-taken-over");

    List<LogEntry> errors =
        Chromium.consoleErrors(browser).stream()
            // The takeover's first answer is a 409 by design.
            .filter(e -> !e.getMessage().contains("/actions - Failed to load resource"))
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  /** action-queue's own view of host A: not free while someone else used it recently. */
  private static boolean hostATaken() {
    try {
      HttpResponse<String> r =
          SystemStack.HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + queuePort
                              + "/api/hosts/"
                              + stack.hostA
                              + "/access"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("\"free\":false");
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static WebElement card() {
    return browser.findElement(By.cssSelector("article.host[data-host='" + stack.hostA + "']"));
  }

  private static String state(String model) {
    List<WebElement> rows = card().findElements(By.cssSelector("li[data-model='" + model + "']"));
    // The state, without a "· swapped in …" note.
    return rows.isEmpty()
        ? null
        : rows.get(0).findElement(By.cssSelector(".state")).getText().split(" ·")[0].trim();
  }

  private static WebElement button(String model) {
    return card().findElement(By.cssSelector("li[data-model='" + model + "'] button[data-act]"));
  }

  /** Clicks a button on host A's card; the card is redrawn by frames, so find it at click time. */
  private static void click(String selector) {
    waitFor(
        "clicked " + selector,
        () -> {
          card().findElement(By.cssSelector(selector)).click();
          return true;
        });
  }

  private static String text(By by) {
    return browser.findElement(by).getText();
  }

  private static void waitFor(String what, BooleanSupplier condition) {
    Chromium.waitFor(browser, what, Duration.ofSeconds(40), condition);
  }
}
