package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * What one node runs, from config {@code role} (env {@code DVMDASH_ROLE}): {@code all} (default: collector,
 * processor and API in one JVM, as on a single machine) or a comma list of {@code collector}, {@code processor},
 * {@code api}.
 */
public record NodeRoles(boolean collector, boolean processor, boolean api) {

  public static final String KEY = "role";
  public static final NodeRoles ALL = new NodeRoles(true, true, true);

  public static NodeRoles fromJson(JsonObject root) {
    return parse(root.getString(KEY, "all"));
  }

  public static NodeRoles parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("all")) {
      return ALL;
    }
    boolean collector = false;
    boolean processor = false;
    boolean api = false;
    for (String part : t.split(",")) {
      switch (part.trim()) {
        case "collector" -> collector = true;
        case "processor" -> processor = true;
        case "api" -> api = true;
        case "all" -> {
          collector = true;
          processor = true;
          api = true;
        }
        case "" -> {
        }
        default -> throw new IllegalArgumentException(
            "role must be all or a comma list of collector, processor, api; got '" + part.trim() + "'");
      }
    }
    if (!collector && !processor && !api) {
      throw new IllegalArgumentException("role names no role: '" + text + "'");
    }
    return new NodeRoles(collector, processor, api);
  }

  /** The stores (PostgreSQL, MongoDB) are used by the processor and the API, never by a collector alone. */
  public boolean needsStores() {
    return processor || api;
  }

  @Override
  public String toString() {
    if (collector && processor && api) {
      return "all";
    }
    StringBuilder sb = new StringBuilder();
    if (collector) {
      sb.append("collector");
    }
    if (processor) {
      sb.append(sb.isEmpty() ? "" : ",").append("processor");
    }
    if (api) {
      sb.append(sb.isEmpty() ? "" : ",").append("api");
    }
    return sb.toString();
  }
}
