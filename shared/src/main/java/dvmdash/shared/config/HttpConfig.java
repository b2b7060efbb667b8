package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;

/** API server settings. */
public record HttpConfig(String host, int port, String webroot, int maxStreams) {

  public static HttpConfig fromJson(JsonObject json) {
    int port = json.getInteger("port", 8080);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
    }
    return new HttpConfig(json.getString("host", "0.0.0.0"), port, json.getString("webroot", "webroot/dist"),
        json.getInteger("max_streams", 200));
  }
}
