package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The capture inspector in a real headless Chromium against the packaged stack (connector with the
 * capture vault on, perf-ingest, cockpit-api; simulated hosts): a streamed chat's capture shows its
 * final text and a redacted Authorization; "Open in Playground" gives a curl without the secret; a
 * request on a host that keeps no captures is explained; after the host restarts, the same capture
 * comes from the vault. Light and dark screenshots in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectorBrowserIT {

  private static final String HOST_A =
      """
      sim:
        hostName: inspect-a
        fastClock: true
      models:
        llama-8b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 300, promptTps: 20000}
      """;

  // Keeps no captures at all: every row has has_capture false.
  private static final String HOST_B =
      """
      captureBuffer: 0
      sim:
        hostName: inspect-b
        fastClock: true
      models:
        mistral-7b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 300, promptTps: 20000}
      """;

  private static final String PASSWORD = "inspector-test-password";
  private static final String SECRET = "sk-inspector-secret-9876";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SystemStack stack;
  private static String cockpit;
  private static ChromeDriver browser;
  private static String answerA;
  private static long rowA;
  private static long rowB;

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
                "BOOCONTROL_CAPTURE_VAULT_ENABLED", "true",
                "BOO_OPERATOR_PASSWORD", PASSWORD),
            11L);
    int cockpitPort = stack.port();
    stack.start("cockpit-api", "inspector-cockpit", cockpitPort);
    stack.start("fleet-connector", "inspector-connector", stack.port());
    stack.start("perf-ingest", "inspector-ingest", stack.port());
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

  /** A streamed chat with a secret in its headers; returns the text the client received. */
  private static String streamedChat(String host, String model) throws Exception {
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":12,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"inspector "
            + System.nanoTime()
            + "\"}]}";
    HttpResponse<String> r =
        SystemStack.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stack.simPort(host) + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SECRET)
                .header("X-Boo-Source", "inspector-test")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    StringBuilder content = new StringBuilder();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode delta = JSON.readTree(line.substring(6)).path("choices").path(0).path("delta");
        if (delta.path("content").isTextual()) {
          content.append(delta.get("content").asText());
        }
      }
    }
    return content.toString();
  }

  @Test
  @Order(1)
  void aStreamedChatsCaptureShowsItsFinalTextAndARedactedKey() throws Exception {
    browser.get(cockpit);
    waitFor("the login form", () -> browser.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("login-user")).sendKeys("admin");
    browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    waitFor("the app", () -> browser.findElement(By.id("app")).isDisplayed());
    browser.findElement(By.cssSelector("[data-tab=activity]")).click();
    waitFor("the feed loaded", () -> !text(By.id("activity-count")).isEmpty());

    answerA = streamedChat(stack.hostA, "llama-8b");
    assertThat(answerA).isNotBlank();
    rowA = stack.simGet(stack.hostA, "/status").path("last_activity_id").asLong();
    openRow(stack.hostA, rowA);
    browser.findElement(By.id("inspect-capture")).click();
    waitFor("the final text", () -> !browser.findElements(By.id("inspector-final")).isEmpty());
    assertThat(text(By.id("inspector-final"))).isEqualTo(answerA);
    assertThat(text(By.id("inspector-source"))).isEqualTo("host");
    String drawer = text(By.id("inspector"));
    assertThat(drawer).contains("Authorization").contains("[redacted]").doesNotContain(SECRET);
    assertThat(browser.findElements(By.cssSelector("#inspector .redacted"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#inspector .j-key"))).isNotEmpty();
    shot("inspector-1-stream-light");
    dark(true);
    shot("inspector-1-stream-dark");
    dark(false);

    browser.findElement(By.id("inspector-playground")).click();
    waitFor("the copy notice", () -> !text(By.id("inspector-copied")).isEmpty());
    assertThat(text(By.id("inspector-copied"))).contains("curl");
    String curl = text(By.id("inspector-curl"));
    assertThat(curl)
        .startsWith(
            "curl 'http://127.0.0.1:" + stack.simPort(stack.hostA) + "/v1/chat/completions'")
        .contains("Authorization: Bearer $LLAMA_SWAP_API_KEY")
        .contains("--data-raw")
        .doesNotContain(SECRET);
    shot("inspector-2-curl");
    browser.findElement(By.id("inspector-close")).click();
  }

  @Test
  @Order(2)
  void aMissingCaptureIsExplained() throws Exception {
    streamedChat(stack.hostB, "mistral-7b");
    rowB = stack.simGet(stack.hostB, "/status").path("last_activity_id").asLong();
    openRow(stack.hostB, rowB);
    browser.findElement(By.id("inspect-capture")).click();
    waitFor("the explanation", () -> !browser.findElements(By.id("capture-missing")).isEmpty());
    assertThat(text(By.id("capture-missing")))
        .contains("No capture to show")
        .contains("has_capture was false for this request");
    shot("inspector-3-missing-light");
    dark(true);
    shot("inspector-3-missing-dark");
    dark(false);
    browser.findElement(By.id("inspector-close")).click();
  }

  @Test
  @Order(3)
  void afterTheHostRestartsTheCaptureComesFromTheVault() throws Exception {
    stack.simPost(stack.hostA, "/restart");
    openRow(stack.hostA, rowA);
    browser.findElement(By.id("inspect-capture")).click();
    waitFor("the final text", () -> !browser.findElements(By.id("inspector-final")).isEmpty());
    assertThat(text(By.id("inspector-final"))).isEqualTo(answerA);
    assertThat(text(By.id("inspector-source"))).isEqualTo("capture vault");
    assertThat(text(By.id("inspector"))).doesNotContain(SECRET);
    shot("inspector-4-vault");
    browser.findElement(By.id("inspector-close")).click();
  }

  @Test
  @Order(4)
  void noConsoleErrors() {
    List<LogEntry> errors =
        Chromium.consoleErrors(browser).stream()
            // the missing capture answers 404 by design; Chromium logs every non-2xx fetch
            .filter(
                e ->
                    !(e.getMessage().contains(stack.hostB + "/activity/")
                        && e.getMessage().contains("/" + rowB + "/capture")
                        && e.getMessage().contains("404")))
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  /** Shows one host's rows only and opens the one with this id (the newest of that host). */
  private static void openRow(String host, long id) {
    waitFor(
        "the host in the filter",
        () ->
            new Select(browser.findElement(By.id("f-host")))
                .getOptions().stream().anyMatch(o -> host.equals(o.getAttribute("value"))));
    new Select(browser.findElement(By.id("f-host"))).selectByValue(host);
    waitFor(
        "row " + id + " of " + host,
        () -> {
          browser.findElement(By.cssSelector(".feed-row[data-i='0']")).click();
          return text(By.id("detail")).contains("row " + id + ")");
        });
  }

  private static void dark(boolean on) {
    Chromium.dark(browser, on);
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
