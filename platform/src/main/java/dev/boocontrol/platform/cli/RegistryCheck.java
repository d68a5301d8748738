package dev.boocontrol.platform.cli;

import dev.boocontrol.platform.core.HostRegistry;
import dev.boocontrol.platform.core.HostRegistryParser;
import dev.boocontrol.platform.core.HostSpec;
import dev.boocontrol.platform.core.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code ./boocontrol up} runs this before starting anything: it validates {@code hosts.yaml} with
 * the same parser the services use and prints one line per host plus {@code connectable=N}. Exit 0
 * when valid (or absent), 2 when invalid. Keys are never printed.
 */
public final class RegistryCheck {

  private RegistryCheck() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RegistryCheck HOSTS_FILE");
      System.exit(64);
    }
    Path file = Path.of(args[0]);
    try {
      HostRegistry registry =
          new HostRegistryParser(System::getenv).parse(Files.readString(file), file.toString());
      for (HostSpec h : registry.hosts()) {
        System.out.printf(
            "host %s %s %s%s%n",
            h.id(), h.kind().wireName(), h.baseUrl(), h.enabled() ? "" : " (disabled)");
      }
      System.out.println("connectable=" + registry.connectable().size());
    } catch (NoSuchFileException e) {
      System.out.println("connectable=0");
    } catch (RegistryException e) {
      System.err.println("invalid host registry " + file + ":");
      e.problems().forEach(p -> System.err.println("  " + p));
      System.exit(2);
    } catch (IOException e) {
      System.err.println("cannot read " + file + ": " + e.getMessage());
      System.exit(2);
    }
  }
}
