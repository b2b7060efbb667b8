package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * API server settings. {@code idle_timeout_seconds}: a connection without any traffic for this long is closed (the
 * live stream's keep-alive every 15 s keeps its connection busy); {@code header_timeout_seconds}: a connection whose
 * first request has not fully arrived by then is closed (idle and slow-header sockets cannot pile up).
 */
public record HttpConfig(String host, int port, String webroot, int maxStreams, int idleTimeoutSeconds,
                         int headerTimeoutSeconds) {

  public static final int MIN_IDLE_TIMEOUT_SECONDS = 30;

  public HttpConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
    }
    if (idleTimeoutSeconds < MIN_IDLE_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("http.idle_timeout_seconds must be >= " + MIN_IDLE_TIMEOUT_SECONDS
          + " (the live stream sends a keep-alive every 15 s), got " + idleTimeoutSeconds);
    }
    if (headerTimeoutSeconds < 1) {
      throw new IllegalArgumentException("http.header_timeout_seconds must be >= 1, got " + headerTimeoutSeconds);
    }
  }

  public static HttpConfig fromJson(JsonObject json) {
    return new HttpConfig(json.getString("host", "0.0.0.0"), json.getInteger("port", 8080),
        json.getString("webroot", "webroot/dist"), json.getInteger("max_streams", 200),
        json.getInteger("idle_timeout_seconds", 60), json.getInteger("header_timeout_seconds", 10));
  }
}
