package dvmdash.shared.nostr;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * Reads display fields from kind-0-style JSON content (kind 0, or the content of a 31990 announcement). Real
 * content is often invalid (Python {@code True}, trailing commas) or not an object: such content gives empty.
 */
public final class ProfileParser {

  private ProfileParser() {
  }

  /**
   * Name from {@code name}, else {@code display_name}, else {@code displayName}; picture from {@code picture},
   * else {@code image}; about from {@code about}. Only non-blank strings count. Empty when the content is blank,
   * not a JSON object, or holds none of these fields. Never throws.
   */
  public static Optional<Profile> parse(String content) {
    if (content == null || content.isBlank()) {
      return Optional.empty();
    }
    Map<String, Object> fields;
    try {
      fields = new JsonObject(content).getMap();
    } catch (RuntimeException notAnObject) {
      return Optional.empty();
    }
    String name = firstString(fields, "name", "display_name", "displayName");
    String about = firstString(fields, "about");
    String picture = firstString(fields, "picture", "image");
    if (name == null && about == null && picture == null) {
      return Optional.empty();
    }
    return Optional.of(new Profile(name, about, picture));
  }

  private static String firstString(Map<String, Object> fields, String... keys) {
    for (String key : keys) {
      if (fields.get(key) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }
}
