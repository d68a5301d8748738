package dev.boocontrol.llamaswap.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/version} (v173+). Release builds report {@code v250}; {@code make} builds {@code
 * git describe} output such as {@code v250-5-g0bdb37} (plus {@code +} when dirty); a plain {@code
 * go build} reports {@code 0}, {@code abcd1234}, {@code unknown}.
 */
public record Version(
    @JsonProperty("build_date") String buildDate,
    @JsonProperty("commit") String commit,
    @JsonProperty("version") String version) {

  // v<release>, optionally -<commits since>-g<hash>, optionally + (dirty). Not v0.0.x tags.
  private static final Pattern RELEASE =
      Pattern.compile("^v(\\d{1,9})(?:-(\\d{1,9})-g[0-9a-fA-F]+)?(\\+)?(?:[^.\\d].*)?$");

  public Version {
    buildDate = buildDate == null ? "" : buildDate;
    commit = commit == null ? "" : commit;
    version = version == null ? "" : version;
  }

  /** Reads a bare version string, for example from a log line. */
  public static Version of(String version) {
    return new Version("", "", version);
  }

  /** The release number ({@code 250} for {@code v250} and {@code v250-5-g0bdb37}), if any. */
  public OptionalInt releaseNumber() {
    Matcher m = RELEASE.matcher(version.trim());
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** Commits after the release tag: 5 for {@code v250-5-g0bdb37}, 0 for a release build. */
  public OptionalInt commitsAfterRelease() {
    Matcher m = RELEASE.matcher(version.trim());
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
  }

  /** True when the release number is at least {@code release}; false when it is unknown. */
  public boolean isAtLeast(int release) {
    OptionalInt number = releaseNumber();
    return number.isPresent() && number.getAsInt() >= release;
  }

  /** The build date, when it is a timestamp. */
  public Optional<OffsetDateTime> buildTime() {
    try {
      return Optional.of(OffsetDateTime.parse(buildDate));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
