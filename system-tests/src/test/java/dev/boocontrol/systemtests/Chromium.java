package dev.boocontrol.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its ChromeDriver, started the way this machine needs (no
 * sandbox as root, no background networking: the closed network refuses it), with the browser
 * console kept for the no-errors checks; plus the theme switch and screenshots the browser tests
 * share.
 */
final class Chromium {

  static final Path SHOTS = ServiceProcess.rootDir().resolve("system-tests/target/screenshots");

  private Chromium() {}

  static ChromeDriver start(int width, int height) throws IOException {
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(width, height));
    return browser;
  }

  /** Emulates the system's colour-scheme setting, which the cockpit's themes follow. */
  static void dark(ChromeDriver browser, boolean on) {
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
  }

  static Path shot(ChromeDriver browser, String name) throws IOException {
    Path file = SHOTS.resolve(name + ".png");
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /**
   * Waits for a condition on a page that is redrawn by frames (stale or missing elements retry).
   */
  static void waitFor(ChromeDriver browser, String what, Duration timeout, BooleanSupplier ok) {
    new WebDriverWait(browser, timeout)
        .withMessage(what)
        .pollingEvery(Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .until(d -> ok.getAsBoolean());
  }

  /** Opens the cockpit and logs in as {@code admin}. */
  static void login(ChromeDriver browser, String url, String password) {
    browser.get(url);
    waitFor(
        browser,
        "the login form",
        Duration.ofSeconds(30),
        () -> browser.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("login-user")).sendKeys("admin");
    browser.findElement(By.id("login-password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
  }

  /**
   * The console's errors, less the page's question of who is logged in before the login form (its
   * 401 is the answer, and Chromium logs every non-2xx fetch).
   */
  static List<LogEntry> consoleErrors(ChromeDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(e -> !e.getMessage().contains("/api/me"))
        .toList();
  }
}
