import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebSocket fan-out benchmark client (run by run.sh): N clients on /api/ws/control; for every
 * control_activity frame whose row carries the simulator's exact creation time
 * (metadata.sim_created_at), latency = arrival - creation. Prints p50/p99 and frames/s.
 *
 * <p>java WsFanout.java URL COOKIE CLIENTS SECONDS
 */
public class WsFanout {

  private static final Pattern CREATED = Pattern.compile("\"sim_created_at\":\"([^\"]+)\"");
  private static final Pattern TYPE = Pattern.compile("\\{\"type\":\"");

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    String cookie = args[1];
    int clients = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    AtomicLong frames = new AtomicLong();
    AtomicLong measuring = new AtomicLong(0); // 0 = warming up
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      opening.add(
          http.newWebSocketBuilder()
              .header("Cookie", "boo_session=" + cookie)
              .buildAsync(url, new Listener(frames, measuring, latencies)));
    }
    List<WebSocket> open = new ArrayList<>();
    for (CompletableFuture<WebSocket> f : opening) {
      open.add(f.get(60, TimeUnit.SECONDS));
    }
    System.err.printf("%d clients connected; measuring for %d s%n", open.size(), seconds);
    Thread.sleep(2000); // snapshots delivered, connections settled
    long startFrames = frames.get();
    measuring.set(1);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring.set(0);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long delivered = frames.get() - startFrames;
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    for (WebSocket ws : open) {
      ws.abort();
    }
    if (sorted.isEmpty()) {
      System.out.println("no activity frames were measured");
      System.exit(1);
    }
    System.out.printf(
        "clients %d | frames delivered %d (%.0f frames/s) | activity frames measured %d |"
            + " latency host event -> client frame: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        open.size(),
        delivered,
        delivered / elapsed,
        sorted.size(),
        pct(sorted, 0.50) / 1000.0,
        pct(sorted, 0.99) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }

  /** Counts frames; measures activity frames (micros). */
  static final class Listener implements WebSocket.Listener {
    private final AtomicLong frames;
    private final AtomicLong measuring;
    private final ConcurrentLinkedQueue<Long> latencies;
    private final StringBuilder partial = new StringBuilder();

    Listener(AtomicLong frames, AtomicLong measuring, ConcurrentLinkedQueue<Long> latencies) {
      this.frames = frames;
      this.measuring = measuring;
      this.latencies = latencies;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        Instant now = Instant.now();
        // One frame, or an array of frames for a client that was behind.
        Matcher types = TYPE.matcher(partial);
        while (types.find()) {
          frames.incrementAndGet();
        }
        if (measuring.get() == 1) {
          Matcher m = CREATED.matcher(partial);
          while (m.find()) {
            Duration d = Duration.between(Instant.parse(m.group(1)), now);
            latencies.add(d.toNanos() / 1000);
          }
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
