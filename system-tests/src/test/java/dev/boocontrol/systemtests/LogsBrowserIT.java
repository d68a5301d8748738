package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The Logs tab in a real headless Chromium against the packaged stack (connector relaying {@code
 * logData}, cockpit-api keeping the tail; simulated hosts writing their logs): ANSI colours, the
 * dropped-bytes marker, a late joiner that gets the tail then live lines, search, pause on
 * scroll-up with "jump to live", and one model's own log streamed on demand. Screenshots in {@code
 * target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsBrowserIT {

  private static final String HOST_A =
      """
      sim:
        hostName: logs-a
        fastClock: true
      models:
        llama-8b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 300, promptTps: 20000}
      """;

  private static final String HOST_B =
      """
      sim:
        hostName: logs-b
        fastClock: true
      models:
        mistral-7b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 300, promptTps: 20000}
      """;

  private static final String PASSWORD = "logs-test-password";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SystemStack stack;
  private static String cockpit;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    stack =
        new SystemStack(
            HOST_A,
            List.of("llama-8b"),
            HOST_B,
            List.of("mistral-7b"),
            Map.of(
                "BOOCONTROL_FLEET_CONNECTOR_HEALTH_PROBE_INTERVAL", "1s",
                "BOOCONTROL_FLEET_CONNECTOR_RECONNECT_MAX_BACKOFF", "500ms",
                "BOOCONTROL_FLEET_CONNECTOR_REQUEST_TIMEOUT", "3s",
                "BOO_OPERATOR_PASSWORD", PASSWORD),
            13L);
    int cockpitPort = stack.port();
    stack.start("cockpit-api", "logs-cockpit", cockpitPort);
    stack.start("fleet-connector", "logs-connector", stack.port());
    stack.awaitSubscribed(stack.hostA);
    stack.awaitSubscribed(stack.hostB);
    cockpit = "http://127.0.0.1:" + cockpitPort + "/";
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

  private static void write(String source, String text) throws Exception {
    stack.simPost(
        stack.hostA,
        "/logs/write",
        JSON.writeValueAsString(Map.of("source", source, "model", "llama-8b", "text", text)));
  }

  @Test
  @Order(1)
  void liveLinesShowWithColoursAndTheDroppedMarker() throws Exception {
    openLogs();
    // A write that ends mid-line: the line shows once its end arrives.
    write("proxy", "[INFO] \u001b[32mcolour-check\u001b[0m half");
    write("proxy", "-done\n");
    write("upstream", "\n\u2014 512 bytes dropped \u2014\n");
    waitFor("the coloured line", () -> logText().contains("[INFO] colour-check half-done"));
    WebElement green = browser.findElement(By.cssSelector("#log .ansi-fg2"));
    assertThat(green.getText()).isEqualTo("colour-check");
    assertThat(logText()).doesNotContain("\u001b").doesNotContain("[32m");
    waitFor(
        "the dropped marker",
        () -> !browser.findElements(By.cssSelector(".log-dropped")).isEmpty());
    assertThat(browser.findElement(By.cssSelector(".log-dropped")).getText())
        .isEqualTo("\u2014 512 bytes dropped \u2014");
    shot("logs-1-live-light");
    Chromium.dark(browser, true);
    shot("logs-1-live-dark");
    Chromium.dark(browser, false);
  }

  @Test
  @Order(2)
  void aLateJoinerGetsTheTailThenLiveLinesInOrder() throws Exception {
    for (int i = 1; i <= 3; i++) {
      write("proxy", "[INFO] before-join " + i + "\n");
    }
    // Wait until cockpit-api has them (the open page shows them), then join afresh.
    waitFor("the lines before the join", () -> logText().contains("before-join 3"));
    browser.navigate().refresh();
    waitFor("the app", () -> browser.findElement(By.id("app")).isDisplayed());
    openLogs();
    waitFor("the tail", () -> logText().contains("before-join 3"));
    for (int i = 1; i <= 3; i++) {
      write("proxy", "[INFO] after-join " + i + "\n");
    }
    waitFor("the live lines", () -> logText().contains("after-join 3"));
    String text = logText();
    int[] at = {
      text.indexOf("colour-check"),
      text.indexOf("before-join 1"),
      text.indexOf("before-join 3"),
      text.indexOf("after-join 1"),
      text.indexOf("after-join 2"),
      text.indexOf("after-join 3")
    };
    for (int i = 1; i < at.length; i++) {
      assertThat(at[i]).as("line %d in order", i).isGreaterThan(at[i - 1]);
    }
    assertThat(text.indexOf("before-join 2")).isEqualTo(text.lastIndexOf("before-join 2"));
  }

  @Test
  @Order(3)
  void searchAndSourceFilterTheLines() throws Exception {
    WebElement search = browser.findElement(By.id("l-search"));
    search.sendKeys("after-join");
    waitFor("the search", () -> text(By.id("log-count")).startsWith("3 of "));
    assertThat(logText()).contains("after-join 1").doesNotContain("before-join");
    // clear() fires no input event: empty the box the way typing would.
    browser.executeScript(
        "const s = document.getElementById('l-search'); s.value = '';"
            + " s.dispatchEvent(new Event('input'));");
    waitFor("all lines again", () -> !text(By.id("log-count")).contains(" of "));
    new Select(browser.findElement(By.id("l-source"))).selectByValue("upstream");
    waitFor("upstream only", () -> !logText().contains("after-join"));
    assertThat(browser.findElements(By.cssSelector(".log-dropped"))).hasSize(1);
    new Select(browser.findElement(By.id("l-source"))).selectByValue("");
    waitFor("both sources", () -> logText().contains("after-join"));
  }

  @Test
  @Order(4)
  void scrollingUpPausesAndJumpToLiveResumes() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      many.append("[INFO] filler ").append(i).append('\n');
    }
    write("proxy", many.toString());
    waitFor("the filler", () -> logText().contains("filler 200"));
    browser.executeScript("document.getElementById('log').scrollTop = 0;");
    waitFor("the jump button", () -> browser.findElement(By.id("log-live")).isDisplayed());
    write("proxy", "[INFO] while-paused\n");
    waitFor("the unseen count", () -> text(By.id("log-live")).contains("1 new"));
    assertThat(logText()).as("still at the top").doesNotContain("while-paused");
    shot("logs-2-paused");
    browser.findElement(By.id("log-live")).click();
    waitFor("back at the live end", () -> logText().contains("while-paused"));
    assertThat(browser.findElement(By.id("log-live")).isDisplayed()).isFalse();
    write("proxy", "[INFO] following-again\n");
    waitFor("following again", () -> logText().contains("following-again"));
  }

  @Test
  @Order(5)
  void oneModelsOwnLogStreamsOnDemand() throws Exception {
    assertThat(stack.chat(stack.hostA, "llama-8b")).isEqualTo(200);
    Select source = new Select(browser.findElement(By.id("l-source")));
    waitFor(
        "the model in the source list",
        () ->
            source.getOptions().stream()
                .anyMatch(o -> "model:llama-8b".equals(o.getAttribute("value"))));
    source.selectByValue("model:llama-8b");
    waitFor("the model's output", () -> logText().contains("main: loading model"));
    assertThat(logText()).contains("HTTP server is listening").doesNotContain("following-again");
    write("upstream", "model-live-line\n");
    waitFor("a live model line", () -> logText().contains("model-live-line"));
    shot("logs-3-model");
    source.selectByValue("");
    waitFor("back to the host log", () -> logText().contains("following-again"));
  }

  @Test
  @Order(6)
  void noConsoleErrors() {
    assertThat(Chromium.consoleErrors(browser)).as("console errors").isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static void openLogs() {
    if (browser.findElements(By.id("app")).isEmpty()
        || !browser.findElement(By.id("app")).isDisplayed()) {
      Chromium.login(browser, cockpit, PASSWORD);
      waitFor("the app", () -> browser.findElement(By.id("app")).isDisplayed());
    }
    browser.findElement(By.cssSelector("[data-tab=logs]")).click();
    waitFor(
        "host A in the host list",
        () ->
            new Select(browser.findElement(By.id("l-host")))
                .getOptions().stream().anyMatch(o -> stack.hostA.equals(o.getAttribute("value"))));
    new Select(browser.findElement(By.id("l-host"))).selectByValue(stack.hostA);
  }

  private static String logText() {
    return browser.findElement(By.id("log")).getText();
  }

  private static String text(By by) {
    return browser.findElement(by).getText();
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
    Chromium.waitFor(browser, what, Duration.ofSeconds(30), condition);
  }

  private static void shot(String name) throws Exception {
    Chromium.shot(browser, name);
  }
}
