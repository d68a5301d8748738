package dev.boocontrol.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boocontrol.contracts.EventEnvelope;
import dev.boocontrol.contracts.events.ActivityRecorded;
import dev.boocontrol.contracts.events.FleetEvents;
import dev.boocontrol.contracts.kafka.EnvelopeSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The Activity feed at its advertised size, in a real headless Chromium against the packaged
 * cockpit-api: 100,000 activity events go through the real broker (on a topic of the test's own)
 * and WebSocket into the page; every one is kept, the DOM holds only the visible rows, scrolling
 * and filtering still work, and the console stays clean. The timings (delivery rate, long tasks,
 * scroll and filter cost) are printed for the README, never asserted.
 */
class FeedScaleBrowserIT {

  private static final int ROWS = 100_000;

  /** Events per second sent: a heavy fleet, well above what two hosts make. */
  private static final int RATE = 2_500;

  private static final String HOST_YAML =
      """
      sim:
        hostName: %s
        fastClock: true
      models:
        tiny-1b:
          sim: {loadSeconds: 0.1, genTps: 300, promptTps: 20000}
      """;
  private static final String PASSWORD = "feed-scale-password";

  /**
   * The events go to a topic of this test's own, which only its cockpit reads: on fleet.activity
   * they would be replayed by every later consumer that starts from the earliest offset
   * (perf-ingest, action-queue) and slow the tests after this one.
   */
  private static final String TOPIC = "feed-scale-" + UUID.randomUUID();

  private static SystemStack stack;
  private static ChromeDriver browser;
  private static String cockpit;

  @BeforeAll
  static void start() throws Exception {
    stack =
        new SystemStack(
            HOST_YAML.formatted("feed-a"),
            List.of("tiny-1b"),
            HOST_YAML.formatted("feed-b"),
            List.of("tiny-1b"),
            Map.of(
                "BOO_OPERATOR_PASSWORD",
                PASSWORD,
                "MP_MESSAGING_INCOMING_COCKPIT_FLEET_TOPICS",
                "fleet.models,fleet.perf,fleet.logs,fleet.liveness," + TOPIC),
            23L);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      // Created before the cockpit subscribes, so it starts at the topic's (empty) end.
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    int port = stack.port();
    stack.start("cockpit-api", "feed-cockpit", port);
    cockpit = "http://127.0.0.1:" + port + "/";
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
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      admin.deleteTopics(List.of(TOPIC)).all().get();
    }
  }

  @Test
  void hundredThousandLiveRowsStayWholeAndTheDomStaysSmall() throws Exception {
    JavascriptExecutor js = browser;
    Chromium.login(browser, cockpit, PASSWORD);
    waitFor("the live chip", () -> "live".equals(text(By.id("conn"))), 30);
    browser.findElement(By.cssSelector("[data-tab=activity]")).click();
    js.executeScript(
        "window.longTasks = []; new PerformanceObserver(l => l.getEntries().forEach("
            + "e => window.longTasks.push(e.duration))).observe({entryTypes: ['longtask']});");

    String host = "feed-" + UUID.randomUUID().toString().substring(0, 8);
    long sendStart = System.nanoTime();
    try (KafkaProducer<String, EventEnvelope> producer = producer()) {
      Instant base = Instant.now();
      for (int i = 1; i <= ROWS; i++) {
        ActivityRecorded row = activity(host, i, base.plusMillis(i));
        producer.send(
            new ProducerRecord<>(
                TOPIC,
                host,
                EventEnvelope.of(FleetEvents.ACTIVITY_RECORDED, host, row.finishedAt(), row)));
        if (i % 250 == 0) {
          long due = sendStart + (long) i * 1_000_000_000L / RATE;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      }
      producer.flush();
    }
    double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
    waitFor("all rows in the feed", () -> count() >= ROWS, 300);
    double allSeconds = (System.nanoTime() - sendStart) / 1e9;

    assertThat(text(By.id("activity-count"))).isEqualTo("100,000 of 100,000 requests");
    long gapResyncs = ((Number) js.executeScript("return window.booFleet.gapResyncs")).longValue();
    assertThat(gapResyncs).as("the client never lost its place").isZero();
    int domRows = browser.findElements(By.cssSelector(".feed-row")).size();
    assertThat(domRows).as("only the visible rows are in the DOM").isBetween(10, 80);
    // Newest on top: the last event sent is the first row.
    assertThat(browser.findElement(By.cssSelector(".feed-row[data-i='0']")).getText())
        .contains(host);

    // Scroll to the middle: the rows there are drawn, still only a screenful of them.
    Object scroll =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1]; const f = document.getElementById('feed');"
                + "const t0 = performance.now(); f.scrollTop = f.scrollHeight / 2;"
                + "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));");
    waitFor(
        "rows drawn in the middle",
        () ->
            browser.findElements(By.cssSelector(".feed-row")).stream()
                .anyMatch(
                    e -> Math.abs(Integer.parseInt(e.getAttribute("data-i")) - ROWS / 2) < 200),
        10);
    assertThat(browser.findElements(By.cssSelector(".feed-row")).size()).isBetween(10, 80);

    // Filter to one source (every other row): the count follows, the rows shown are that source.
    long filterStart = System.nanoTime();
    new Select(browser.findElement(By.id("f-source"))).selectByValue("consumer-even");
    waitFor("the filtered count", () -> text(By.id("activity-count")).startsWith("50,000 of"), 30);
    double filterMs = (System.nanoTime() - filterStart) / 1e6;
    assertThat(text(By.id("activity-count"))).isEqualTo("50,000 of 100,000 requests");
    js.executeScript("document.getElementById('feed').scrollTop = 0");
    waitFor(
        "the top of the filtered feed",
        () -> !browser.findElements(By.cssSelector(".feed-row[data-i='0']")).isEmpty(),
        10);
    assertThat(browser.findElements(By.cssSelector(".feed-row")))
        .allSatisfy(e -> assertThat(e.getText()).contains("consumer-even"));
    Chromium.shot(browser, "activity-100k");

    @SuppressWarnings("unchecked")
    List<Number> longTasks = (List<Number>) js.executeScript("return window.longTasks");
    double longest = longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
    Object heap =
        js.executeScript(
            "return performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : -1");
    System.out.printf(
        "feed-scale: %,d rows sent in %.1f s (%.0f/s), all in the page after %.1f s;"
            + " %d long tasks (longest %.0f ms); scroll to middle %.1f ms; filter %.0f ms;"
            + " %d rows in the DOM; JS heap %s MiB%n",
        ROWS,
        sendSeconds,
        ROWS / sendSeconds,
        allSeconds,
        longTasks.size(),
        longest,
        ((Number) scroll).doubleValue(),
        filterMs,
        domRows,
        heap);
    List<LogEntry> errors = Chromium.consoleErrors(browser);
    assertThat(errors).as("console errors").isEmpty();
  }

  private static int count() {
    String t = text(By.id("activity-count"));
    int of = t.indexOf(" of ");
    return of < 0 ? 0 : Integer.parseInt(t.substring(0, of).replace(",", ""));
  }

  private static ActivityRecorded activity(String host, long id, Instant finishedAt) {
    return new ActivityRecorded(
        host,
        1,
        null,
        id,
        finishedAt,
        "tiny-1b",
        "/v1/chat/completions",
        "application/json",
        200,
        100 + id % 50,
        20 + id % 7,
        0,
        0,
        0,
        900.0,
        45.5,
        120 + id % 90,
        false,
        null,
        Map.of(),
        id % 2 == 0 ? "consumer-even" : "consumer-odd",
        "capture");
  }

  private static KafkaProducer<String, EventEnvelope> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p, new StringSerializer(), new EnvelopeSerializer());
  }

  private static String bootstrap() {
    return System.getenv().getOrDefault("BOO_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19192");
  }

  private static String text(By by) {
    return browser.findElement(by).getText();
  }

  private static void waitFor(String what, BooleanSupplier condition, int seconds) {
    Chromium.waitFor(browser, what, Duration.ofSeconds(seconds), condition);
  }
}
