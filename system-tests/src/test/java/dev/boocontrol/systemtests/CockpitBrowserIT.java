package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.platform.testing.Eventually;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web cockpit in a real headless Chromium against the real stack (packaged connector,
 * perf-ingest and cockpit-api, simulated hosts): log in, both hosts' cards with their models, a
 * chat appearing in Activity, a host going down (grey) and coming back (green), a model swap, the
 * performance charts, and no console errors. Screenshots go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CockpitBrowserIT {

  private static final String HOST_A =
      """
      performance:
        every: 1s
      sim:
        hostName: browser-a
        fastClock: true
      models:
        llama-8b:
          name: "Llama 3.1 8B"
          ttl: 900
          sim: {loadSeconds: 0.3, unloadSeconds: 0.1, genTps: 300, promptTps: 20000}
        qwen-coder:
          name: "Qwen Coder"
          sim: {loadSeconds: 0.3, unloadSeconds: 0.1, genTps: 300, promptTps: 20000}
      """;

  private static final String HOST_B =
      """
      performance:
        every: 1s
      sim:
        hostName: browser-b
        fastClock: true
      models:
        mistral-7b:
          sim: {loadSeconds: 0.2, unloadSeconds: 0.05, genTps: 300, promptTps: 20000}
      """;

  private static final String PASSWORD = "browser-test-password";

  private static SystemStack stack;
  private static String cockpit;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    stack =
        new SystemStack(
            HOST_A,
            List.of("llama-8b", "qwen-coder"),
            HOST_B,
            List.of("mistral-7b"),
            Map.of(
                "BOOCONTROL_FLEET_CONNECTOR_HEALTH_PROBE_INTERVAL", "1s",
                "BOOCONTROL_FLEET_CONNECTOR_RECONNECT_MAX_BACKOFF", "500ms",
                "BOOCONTROL_FLEET_CONNECTOR_FAILURES_BEFORE_DOWN", "3",
                "BOOCONTROL_FLEET_CONNECTOR_DOWN_PROBE_INTERVAL", "1s",
                "BOOCONTROL_FLEET_CONNECTOR_REQUEST_TIMEOUT", "3s",
                "BOOCONTROL_PERF_INGEST_POLL_INTERVAL", "1s",
                "BOO_OPERATOR_PASSWORD", PASSWORD),
            7L);
    int cockpitPort = stack.port();
    stack.start("cockpit-api", "cockpit-1", cockpitPort);
    stack.start("fleet-connector", "browser-connector", stack.port());
    stack.start("perf-ingest", "browser-ingest", stack.port());
    stack.awaitSubscribed(stack.hostA);
    stack.awaitSubscribed(stack.hostB);
    cockpit = "http://127.0.0.1:" + cockpitPort + "/";
    browser = Chromium.start(1280, 900);
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
  @Order(1)
  void theOperatorLogsInAndSeesBothHostsWithTheirModels() throws Exception {
    browser.get(cockpit);
    waitFor("the login form", () -> browser.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("login-user")).sendKeys("admin");
    browser.findElement(By.id("login-password")).sendKeys("wrong");
    browser.findElement(By.id("login-submit")).click();
    waitFor("the refusal", () -> !text(By.id("login-error")).isEmpty());
    assertThat(text(By.id("login-error"))).contains("wrong user or password");
    browser.findElement(By.id("login-password")).clear();
    browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-submit")).click();

    // Each simulated host says which models it has once it is asked; a chat loads one.
    assertThat(stack.chat(stack.hostA, "llama-8b")).isEqualTo(200);
    assertThat(stack.chat(stack.hostB, "mistral-7b")).isEqualTo(200);
    waitFor(
        "both host cards, connected",
        () -> state(stack.hostA).equals("CONNECTED") && state(stack.hostB).equals("CONNECTED"));
    waitFor(
        "the loaded models",
        () ->
            card(stack.hostA).getText().contains("llama-8b")
                && card(stack.hostB).getText().contains("mistral-7b"));
    assertThat(text(By.id("conn"))).isEqualTo("live");
    shot("1-fleet");
  }

  @Test
  @Order(2)
  void theCardShowsTheLlamaSwapVersionAndATtlCountdownPerModel() throws Exception {
    // The simulator reports v250 on /api/version; llama-8b has ttl 900, mistral-7b none (never).
    waitFor("host A's version chip", () -> versionChip(stack.hostA).equals("v250"));
    waitFor("host B's version chip", () -> versionChip(stack.hostB).equals("v250"));
    waitFor(
        "llama-8b counting down after the chat",
        () -> ttl(stack.hostA, "llama-8b").matches("unloads in 1[0-5]:[0-5]\\d"));
    String first = ttl(stack.hostA, "llama-8b");
    waitFor("the countdown ticking", () -> !ttl(stack.hostA, "llama-8b").equals(first));
    assertThat(ttl(stack.hostA, "llama-8b")).matches("unloads in 1[0-5]:[0-5]\\d");
    assertThat(
            textOf("article.host[data-host='" + stack.hostB + "'] .model[data-model='mistral-7b']"))
        .as("mistral-7b's row")
        .contains("ready");
    assertThat(ttl(stack.hostB, "mistral-7b")).as("ttl 0: never unloads, nothing shown").isEmpty();
    shot("1b-fleet-ttl");

    // While a request is served the host's TTL clock stops: the row says so (3000 tokens at the
    // model's 300 tokens/s keep it in flight for about 10 s).
    var longChat = stack.chatAsync(stack.hostA, "llama-8b", 3000);
    waitFor("llama-8b in use", () -> ttl(stack.hostA, "llama-8b").equals("in use"));
    shot("1c-fleet-in-use");
    assertThat(longChat.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
    waitFor(
        "the countdown again once the request ended",
        () -> ttl(stack.hostA, "llama-8b").matches("unloads in 1[0-5]:[0-5]\\d"));
  }

  @Test
  @Order(3)
  void aChatAppearsInActivity() throws Exception {
    browser.findElement(By.cssSelector("[data-tab=activity]")).click();
    waitFor("the feed loaded", () -> !text(By.id("activity-count")).isEmpty());
    long before = total();
    long sent = System.nanoTime();
    assertThat(stack.chat(stack.hostB, "mistral-7b")).isEqualTo(200);
    long rowId = stack.simGet(stack.hostB, "/status").path("last_activity_id").asLong();
    waitFor("the new row", () -> total() > before);
    System.out.printf("chat to Activity row: %d ms%n", (System.nanoTime() - sent) / 1_000_000);
    // The newest row on top is exactly that request.
    browser.findElement(By.cssSelector(".feed-row[data-i='0']")).click();
    waitFor("the row details", () -> browser.findElement(By.id("detail")).isDisplayed());
    assertThat(text(By.id("detail")))
        .contains(stack.hostB)
        .contains("row " + rowId + ")")
        .contains("mistral-7b")
        .contains("system-test")
        .contains("tokens");
    shot("2-activity");
    browser.findElement(By.cssSelector("#detail .close")).click();
  }

  @Test
  @Order(4)
  void aHostGoingDownTurnsGreyAndComingBackTurnsGreen() throws Exception {
    browser.findElement(By.cssSelector("[data-tab=fleet]")).click();
    stack.simPost(stack.hostB, "/down?mode=refuse");
    waitFor(
        "host B down, grey, with when it was last seen",
        () ->
            state(stack.hostB).equals("DOWN")
                && card(stack.hostB).getAttribute("class").contains("grey")
                && card(stack.hostB).getText().contains("last seen"));
    shot("3-host-down");
    stack.simPost(stack.hostB, "/up");
    waitFor(
        "host B back and green",
        () ->
            state(stack.hostB).equals("CONNECTED")
                && card(stack.hostB).getAttribute("class").contains("green"));
  }

  @Test
  @Order(5)
  void aModelSwapIsVisible() throws Exception {
    assertThat(stack.chat(stack.hostA, "qwen-coder")).isEqualTo(200);
    waitFor(
        "the swap on host A",
        () -> {
          String t = card(stack.hostA).getText();
          return t.contains("qwen-coder") && t.contains("swapped in");
        });
    shot("4-swap");
  }

  @Test
  @Order(6)
  void aSeqGapMakesTheClientResync() throws Exception {
    var js = (org.openqa.selenium.JavascriptExecutor) browser;
    long snapshots = ((Number) js.executeScript("return window.booFleet.snapshots")).longValue();
    // Pretend this client missed frames: it holds a seq far behind the server's.
    js.executeScript("window.booFleet.hosts.get(arguments[0]).seq -= 3", stack.hostB);
    assertThat(stack.chat(stack.hostB, "mistral-7b")).isEqualTo(200);
    waitFor(
        "a resync after the gap",
        () ->
            ((Number) js.executeScript("return window.booFleet.gapResyncs")).longValue() >= 1
                && ((Number) js.executeScript("return window.booFleet.snapshots")).longValue()
                    > snapshots);
    waitFor("host B live again", () -> state(stack.hostB).equals("CONNECTED"));
  }

  @Test
  @Order(7)
  void aSecondCockpitReplicaShowsTheWholeFleetToo() throws Exception {
    int port = stack.port();
    stack.start("cockpit-api", "cockpit-2", port);
    String second = "http://127.0.0.1:" + port;
    var login =
        SystemStack.HTTP.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(second + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    // Fresh news reaches the second replica too (its own consumer group, from the latest offset).
    stack.simPost(stack.hostA, "/connections/drop");
    Eventually.await(
        "both hosts connected on the second replica",
        Duration.ofSeconds(30),
        () -> {
          String hosts = get(second + "/api/hosts", cookie);
          return hosts.contains("\"hostId\":\"" + stack.hostA + "\"")
              && hosts.contains("\"hostId\":\"" + stack.hostB + "\"")
              && connected(hosts, stack.hostA)
              && connected(hosts, stack.hostB);
        });
  }

  private static boolean connected(String hostsJson, String host) {
    int at = hostsJson.indexOf("\"hostId\":\"" + host + "\"");
    int next = hostsJson.indexOf("\"hostId\":", at + 1);
    String view = hostsJson.substring(at, next < 0 ? hostsJson.length() : next);
    return view.contains("\"liveness\":\"CONNECTED\"");
  }

  private static String get(String url, String cookie) {
    try {
      return SystemStack.HTTP
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                  .header("Cookie", cookie)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "";
    }
  }

  @Test
  @Order(8)
  void performanceChartsDrawAndTheConsoleStaysClean() throws Exception {
    browser.findElement(By.cssSelector("[data-tab=perf]")).click();
    waitFor(
        "a drawn chart",
        () ->
            !browser.findElements(By.cssSelector("#c-vram canvas")).isEmpty()
                && !text(By.id("perf-note")).equals("loading…"));
    assertThat(text(By.id("perf-note"))).doesNotContain("could not");
    shot("5-performance");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.findElement(By.cssSelector("[data-tab=fleet]")).click();
    shot("6-phone");
    List<LogEntry> errors =
        Chromium.consoleErrors(browser).stream()
            // the deliberate wrong password of the first test answers 401
            .filter(e -> !e.getMessage().contains("/api/login"))
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  @Test
  @Order(9)
  void darkThemeScreenshotsOfFleetActivityAndPerformance() throws Exception {
    browser.manage().window().setSize(new Dimension(1280, 900));
    Chromium.dark(browser, true);
    try {
      browser.findElement(By.cssSelector("[data-tab=fleet]")).click();
      waitFor("the fleet cards", () -> versionChip(stack.hostA).equals("v250"));
      String background =
          (String)
              browser.executeScript(
                  "return getComputedStyle(document.documentElement).backgroundColor");
      assertThat(background).as("the dark theme is applied").isEqualTo("rgb(20, 23, 28)");
      shot("dark-fleet");
      browser.findElement(By.cssSelector("[data-tab=activity]")).click();
      waitFor("the feed", () -> total() > 0);
      shot("dark-activity");
      browser.findElement(By.cssSelector("[data-tab=perf]")).click();
      waitFor(
          "a drawn chart",
          () ->
              !browser.findElements(By.cssSelector("#c-vram canvas")).isEmpty()
                  && !text(By.id("perf-note")).equals("loading…"));
      shot("dark-performance");
    } finally {
      Chromium.dark(browser, false);
    }
  }

  // ------------------------------------------------------------------ helpers

  // Read in one script call: cards are redrawn by frames, so an element found first may be gone
  // by the time its text is asked for.
  private static String versionChip(String host) {
    return textOf("article.host[data-host='" + host + "'] .chip.version");
  }

  /** The TTL text of one model row ("" when the row shows none). */
  private static String ttl(String host, String model) {
    return textOf("article.host[data-host='" + host + "'] .model[data-model='" + model + "'] .ttl");
  }

  private static String textOf(String css) {
    Object text =
        browser.executeScript(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : ''",
            css);
    return text == null ? "" : text.toString();
  }

  private static WebElement card(String host) {
    return browser.findElement(By.cssSelector("article.host[data-host='" + host + "']"));
  }

  private static String state(String host) {
    List<WebElement> cards =
        browser.findElements(By.cssSelector("article.host[data-host='" + host + "']"));
    return cards.isEmpty() ? "" : cards.get(0).getAttribute("data-state");
  }

  /** Rows held by the feed, from its "N of M requests" line. */
  private static long total() {
    String t = text(By.id("activity-count")).replace(",", "");
    return t.isEmpty() ? 0 : Long.parseLong(t.replaceAll(".* of (\\d+) requests", "$1"));
  }

  private static String text(By by) {
    return browser.findElement(by).getText();
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
    try {
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .withMessage(what)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .until(d -> condition.getAsBoolean());
    } catch (org.openqa.selenium.TimeoutException e) {
      try {
        shot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      } catch (Exception ignored) {
        // the timeout is what matters
      }
      throw e;
    }
  }

  private static void shot(String name) throws Exception {
    Chromium.shot(browser, name);
  }
}
