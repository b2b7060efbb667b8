package dvmdash.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * API server settings. {@code idle_timeout_seconds}: a connection without any traffic for this long is closed (the
 * live stream's keep-alive every 15 s keeps its connection busy); {@code header_timeout_seconds}: a connection whose
 * first request has not fully arrived by then is closed (idle and slow-header sockets cannot pile up).
 * {@code max_streams_per_client}: live streams per client address; {@code stream_stall_seconds}: a live stream whose
 * write queue stays full this long is closed; {@code trusted_proxies}: peers whose {@code X-Forwarded-For} names the
 * client (a list, or a comma-separated string for the environment). {@code event_loops}: event loops the API's HTTP
 * server runs on, sharing the port (default: the number of cores, at most {@value #MAX_DEFAULT_EVENT_LOOPS}).
 * {@code webroot}: a directory holding the built dashboard, served instead of the copy in the jar (default: empty,
 * the jar's).
 */
public record HttpConfig(String host, int port, String webroot, int maxStreams, int idleTimeoutSeconds,
                         int headerTimeoutSeconds, int maxStreamsPerClient, int streamStallSeconds,
                         List<String> trustedProxies, int eventLoops) {

  public static final int MIN_IDLE_TIMEOUT_SECONDS = 30;
  public static final int MAX_DEFAULT_EVENT_LOOPS = 4;

  public HttpConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
    }
    if (idleTimeoutSeconds < MIN_IDLE_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("http.idle_timeout_seconds must be >= " + MIN_IDLE_TIMEOUT_SECONDS
          + " (the live stream sends a keep-alive every 15 s), got " + idleTimeoutSeconds);
    }
    trustedProxies = List.copyOf(trustedProxies);
    if (maxStreams < 1 || maxStreamsPerClient < 1) {
      throw new IllegalArgumentException("http.max_streams and http.max_streams_per_client must be >= 1");
    }
    if (streamStallSeconds < 1) {
      throw new IllegalArgumentException("http.stream_stall_seconds must be >= 1, got " + streamStallSeconds);
    }
    if (eventLoops < 1 || eventLoops > 64) {
      throw new IllegalArgumentException("http.event_loops must be 1..64, got " + eventLoops);
    }
    if (headerTimeoutSeconds < 1) {
      throw new IllegalArgumentException("http.header_timeout_seconds must be >= 1, got " + headerTimeoutSeconds);
    }
  }

  /** The same settings on another port. */
  public HttpConfig withPort(int otherPort) {
    return new HttpConfig(host, otherPort, webroot, maxStreams, idleTimeoutSeconds, headerTimeoutSeconds,
        maxStreamsPerClient, streamStallSeconds, trustedProxies, eventLoops);
  }

  public static HttpConfig fromJson(JsonObject json) {
    return new HttpConfig(json.getString("host", "0.0.0.0"), json.getInteger("port", 8080),
        json.getString("webroot", ""), json.getInteger("max_streams", 200),
        json.getInteger("idle_timeout_seconds", 60), json.getInteger("header_timeout_seconds", 10),
        json.getInteger("max_streams_per_client", 8), json.getInteger("stream_stall_seconds", 30),
        strings(json.getValue("trusted_proxies")), eventLoops(json.getValue("event_loops")));
  }

  private static int eventLoops(Object raw) {
    if (raw == null) {
      return defaultEventLoops();
    }
    try {
      return raw instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(raw).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("http.event_loops must be a number, got '" + raw + "'");
    }
  }

  /** The number of cores, at most {@value #MAX_DEFAULT_EVENT_LOOPS}. */
  public static int defaultEventLoops() {
    return Math.max(1, Math.min(MAX_DEFAULT_EVENT_LOOPS, Runtime.getRuntime().availableProcessors()));
  }

  private static List<String> strings(Object raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw instanceof String s) {
      return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
          .toList();
    }
    if (!(raw instanceof JsonArray arr)) {
      throw new IllegalArgumentException("http.trusted_proxies must be a list of addresses");
    }
    return arr.stream().map(String::valueOf).map(String::trim).toList();
  }
}
