package dvmdash.shared.nostr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * Finds a JSON object that repeats a key ({@code {"kind":1,"kind":5000}}). A lenient parser keeps the last value, so
 * the id was computed over other data than what would be stored: such input is rejected as
 * {@link RejectReason#DUPLICATE_KEY}. One streaming pass without building any value; stateless and thread-safe.
 */
public final class DuplicateKeys {

  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final String PREFIX = "Duplicate field '";

  private DuplicateKeys() {
  }

  /**
   * The first repeated key of any object in {@code json}, or null when there is none (or the text is not JSON: the
   * caller's own parser reports that).
   */
  public static String find(String json) {
    if (json == null) {
      return null;
    }
    try (JsonParser p = STRICT.createParser(json)) {
      while (p.nextToken() != null) {
        // every field name is checked against its object's earlier ones
      }
      return null;
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith(PREFIX)) {
        int end = msg.indexOf('\'', PREFIX.length());
        return end > 0 ? msg.substring(PREFIX.length(), end) : "?";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
