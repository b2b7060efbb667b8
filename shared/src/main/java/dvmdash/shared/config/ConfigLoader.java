package dvmdash.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Builds the effective configuration: built-in defaults, then a JSON file, then environment variables. Every
 * environment variable is listed in {@link #ENV} with the key it overrides (README's configuration table).
 */
public final class ConfigLoader {

  /** Environment variable → dotted config key. */
  public static final Map<String, String> ENV = Map.ofEntries(
      Map.entry("DVMDASH_RELAYS", "collector.relays"),
      Map.entry("DVMDASH_EXCLUDED_KINDS", "collector.excluded_kinds"),
      Map.entry("DVMDASH_HTTP_PORT", "http.port"),
      Map.entry("DVMDASH_SHARED_ANSWERS", "http.shared_answers"),
      Map.entry("DVMDASH_ADMIN_TOKEN", "admin.token"),
      Map.entry("DVMDASH_HTTP_HOST", "http.host"),
      Map.entry("DVMDASH_WEBROOT", "http.webroot"),
      Map.entry("DVMDASH_TRUSTED_PROXIES", "http.trusted_proxies"),
      Map.entry("DVMDASH_HTTP_EVENT_LOOPS", "http.event_loops"),
      Map.entry("DVMDASH_DATA_DIR", "data_dir"),
      Map.entry("DVMDASH_PG_URL", "stores.pg_url"),
      Map.entry("DVMDASH_MONGO_URI", "stores.mongo_uri"),
      Map.entry("DVMDASH_MONGO_DB", "stores.mongo_db"),
      Map.entry("DVMDASH_BATCH_SIZE", "processor.batch_size"),
      Map.entry("DVMDASH_BATCH_MAX_WAIT_MS", "processor.batch_max_wait_ms"),
      Map.entry("DVMDASH_ROLE", "role"),
      Map.entry("DVMDASH_REDIS_URL", "redis.url"),
      Map.entry("DVMDASH_ETCD_ENDPOINTS", "etcd.endpoints"),
      Map.entry("DVMDASH_RETENTION_ENABLED", "retention.enabled"),
      Map.entry("DVMDASH_RETENTION_RAW_DAYS", "retention.raw_days"),
      Map.entry("DVMDASH_RETENTION_MINUTE_DAYS", "retention.minute_days"));

  private ConfigLoader() {
  }

  /** Deep-merges {@code override} into a copy of {@code base}. */
  public static JsonObject merge(JsonObject base, JsonObject override) {
    JsonObject out = base.copy();
    for (Map.Entry<String, Object> e : override) {
      Object cur = out.getValue(e.getKey());
      if (cur instanceof JsonObject curObj && e.getValue() instanceof JsonObject ov) {
        out.put(e.getKey(), merge(curObj, ov));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Applies environment overrides; values are parsed by the type of the default (number, list, string). */
  public static JsonObject applyEnv(JsonObject config, Map<String, String> env) {
    JsonObject out = config.copy();
    for (Map.Entry<String, String> e : ENV.entrySet()) {
      String value = env.get(e.getKey());
      if (value == null || value.isBlank()) {
        continue;
      }
      String[] path = e.getValue().split("\\.");
      JsonObject node = out;
      for (int i = 0; i < path.length - 1; i++) {
        JsonObject child = node.getJsonObject(path[i]);
        if (child == null) {
          child = new JsonObject();
          node.put(path[i], child);
        }
        node = child;
      }
      String leaf = path[path.length - 1];
      node.put(leaf, parse(e.getKey(), node.getValue(leaf), value.trim()));
    }
    return out;
  }

  private static Object parse(String var, Object current, String value) {
    if (current instanceof JsonArray arr) {
      JsonArray out = new JsonArray();
      boolean numeric = !arr.isEmpty() && arr.getValue(0) instanceof Number;
      for (String part : value.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        out.add(numeric ? (Object) parseLong(var, p) : p);
      }
      return out;
    }
    if (current instanceof Number) {
      return parseLong(var, value);
    }
    if (current instanceof Boolean) {
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(var + " must be true or false, got '" + value + "'");
      }
      return Boolean.parseBoolean(value);
    }
    return value;
  }

  private static long parseLong(String var, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException(var + " must be a whole number, got '" + value + "'");
    }
  }
}
