package dev.boocontrol.llamaswap.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared llama-swap sample folder, read in place (never copied). Surefire passes it as {@code
 * boo.samples.dir}; from an IDE the fallback is {@code ../../shared/llama-swap-samples} relative to
 * the module directory.
 */
public final class Samples {

  private static final Path DIR = locate();

  private Samples() {}

  public static Path dir() {
    return DIR;
  }

  public static Path path(String relative) {
    Path path = DIR.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("sample file missing: " + path);
    }
    return path;
  }

  public static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every sample file, relative with '/' separators, except the folder's README.md. */
  public static List<String> allFiles() {
    try (Stream<Path> files = Files.walk(DIR)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> DIR.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("README.md"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    String configured = System.getProperty("boo.samples.dir");
    List<Path> candidates =
        configured == null || configured.isBlank()
            ? List.of(Paths.get("../../shared/llama-swap-samples"))
            : List.of(Paths.get(configured), Paths.get("../../shared/llama-swap-samples"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "llama-swap samples not found; looked in "
            + candidates.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
            + ". Set -Dboo.samples.dir=<path to shared/llama-swap-samples>.");
  }
}
