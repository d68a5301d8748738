package dev.boocontrol.sim.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The shared llama-swap sample folder, read in place. Surefire passes it as {@code
 * boo.samples.dir}; otherwise it is looked up relative to the module directory.
 */
final class Samples {

  private static final Path DIR = locate();

  private Samples() {}

  static String text(String relative) {
    try {
      return Files.readString(DIR.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    String configured = System.getProperty("boo.samples.dir");
    if (configured != null && Files.isDirectory(Paths.get(configured))) {
      return Paths.get(configured);
    }
    for (String candidate :
        new String[] {"../../../shared/llama-swap-samples", "../shared/llama-swap-samples"}) {
      Path path = Paths.get(candidate).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        return path;
      }
    }
    throw new IllegalStateException("llama-swap samples not found; set -Dboo.samples.dir");
  }
}
