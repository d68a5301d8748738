package dev.boocontrol.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged BooControl service ({@code target/quarkus-app/quarkus-run.jar}) run as its own JVM,
 * the way {@code ./boocontrol up} runs it, so a test can kill it without mercy ({@code kill -9})
 * and start it again. Output goes to a log file under {@code target/}.
 */
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final Map<String, String> env;
  private final int port;
  private final Path log;
  private Process process;

  ServiceProcess(String module, String name, int port, Map<String, String> env) {
    this.name = name;
    this.port = port;
    this.jar = rootDir().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    this.env = new HashMap<>(env);
    this.env.put("BOO_HTTP_PORT", Integer.toString(port));
    this.env.put("BOO_INSTANCE_ID", name);
    this.log = rootDir().resolve("system-tests/target/" + name + ".log");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: package the services first (mvn verify runs this module last)");
    }
  }

  static Path rootDir() {
    return Path.of(System.getProperty("boo.root.dir", "..")).toAbsolutePath().normalize();
  }

  String name() {
    return name;
  }

  /** Starts the JVM and waits until the service reports ready. */
  ServiceProcess start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
    cmd.add("-jar");
    cmd.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Files.createDirectories(log.getParent());
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start; see " + log);
      }
      if (ready()) {
        return this;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " not ready within 60 s; see " + log);
  }

  private boolean ready() throws InterruptedException {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL: no shutdown hook runs, no lease is released, nothing is flushed. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
