package dev.boocontrol.cockpit.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boocontrol.cockpit.core.CaptureLookup;
import dev.boocontrol.llamaswap.core.model.Capture;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the capture inspector reads from PostgreSQL: the request's facts, and the vault. */
@ApplicationScoped
public class CaptureQueries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FACTS =
      """
      SELECT h.base_url, h.api_key,
        (SELECT max(e.epoch) FROM host_epochs e WHERE e.host_id = h.id) AS current_epoch,
        (SELECT e.captured_at FROM host_epochs e WHERE e.host_id = h.id AND e.epoch = $2)
          AS epoch_captured_at,
        a.activity_id IS NOT NULL AS row_known, coalesce(a.has_capture, false) AS has_capture
      FROM hosts h
      LEFT JOIN request_activity a
        ON a.host_id = h.id AND a.epoch = $2 AND a.activity_id = $3
      WHERE h.id = $1
      """;

  private static final String VAULT =
      """
      SELECT req_path, req_headers::text AS req_headers, req_body,
        resp_headers::text AS resp_headers, resp_body
      FROM capture_vault WHERE host_id = $1 AND epoch = $2 AND activity_id = $3
      """;

  /**
   * The facts, plus where the host is. The API key stays inside the service: it is used to ask the
   * host and never returned or logged.
   */
  public record Lookup(CaptureLookup.Facts facts, URI baseUrl, Optional<String> apiKey) {
    @Override
    public String toString() {
      return "Lookup[facts=" + facts + ", baseUrl=" + baseUrl + "]";
    }
  }

  private final Pool pool;

  CaptureQueries(Pool pool) {
    this.pool = pool;
  }

  public Uni<Lookup> lookup(String hostId, int epoch, long activityId) {
    return pool.preparedQuery(FACTS)
        .execute(Tuple.of(hostId, epoch, activityId))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                return new Lookup(
                    new CaptureLookup.Facts(false, false, false, null, null),
                    null,
                    Optional.empty());
              }
              Row r = it.next();
              OffsetDateTime capturedAt = r.getOffsetDateTime("epoch_captured_at");
              return new Lookup(
                  new CaptureLookup.Facts(
                      true,
                      r.getBoolean("row_known"),
                      r.getBoolean("has_capture"),
                      r.getInteger("current_epoch"),
                      capturedAt == null ? null : capturedAt.toInstant()),
                  URI.create(r.getString("base_url")),
                  Optional.ofNullable(r.getString("api_key")));
            });
  }

  /** The vaulted copy, as the llama-swap client would have decoded it from the host. */
  public Uni<Optional<Capture>> vault(String hostId, int epoch, long activityId) {
    return pool.preparedQuery(VAULT)
        .execute(Tuple.of(hostId, epoch, activityId))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                return Optional.empty();
              }
              Row r = it.next();
              return Optional.of(
                  new Capture(
                      activityId,
                      r.getString("req_path"),
                      headers(r.getString("req_headers")),
                      bytes(r.getBuffer("req_body")),
                      headers(r.getString("resp_headers")),
                      bytes(r.getBuffer("resp_body"))));
            });
  }

  // jsonb keeps keys in its own order: sort them as llama-swap sends them (Go sorts map keys).
  private static Map<String, String> headers(String json) {
    if (json == null) {
      return null;
    }
    try {
      return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("capture_vault holds headers that are not a JSON object", e);
    }
  }

  private static byte[] bytes(Buffer buffer) {
    return buffer == null ? null : buffer.getBytes();
  }
}
