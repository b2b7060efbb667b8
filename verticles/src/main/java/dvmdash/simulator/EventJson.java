package dvmdash.simulator;

import dvmdash.shared.nostr.NostrEvent;
import java.util.List;

/**
 * Writes events as compact NIP-01 JSON objects by hand, with the same escapes as the canonical serialization
 * (lowercase {@code \\u00xx}), so the text re-parses to exactly the signed values.
 */
public final class EventJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventJson() {
  }

  public static String toJson(NostrEvent e) {
    return toJson(e.id(), e.pubkey(), Long.toString(e.createdAt()), e.kind(), e.tags(), e.content(), e.sig());
  }

  /** Same layout, with {@code createdAtLiteral} written verbatim (lets junk put a string where a number belongs). */
  public static String toJson(String id, String pubkey, String createdAtLiteral, int kind, List<List<String>> tags,
                              String content, String sig) {
    StringBuilder sb = new StringBuilder(256 + content.length());
    sb.append("{\"id\":\"").append(id)
      .append("\",\"pubkey\":\"").append(pubkey)
      .append("\",\"created_at\":").append(createdAtLiteral)
      .append(",\"kind\":").append(kind)
      .append(",\"tags\":");
    appendTags(sb, tags);
    sb.append(",\"content\":");
    appendString(sb, content);
    sb.append(",\"sig\":\"").append(sig).append("\"}");
    return sb.toString();
  }

  /** A JSON string literal (with quotes). */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendString(sb, s);
    return sb.toString();
  }

  static void appendTags(StringBuilder sb, List<List<String>> tags) {
    sb.append('[');
    for (int i = 0; i < tags.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('[');
      List<String> tag = tags.get(i);
      for (int j = 0; j < tag.size(); j++) {
        if (j > 0) {
          sb.append(',');
        }
        appendString(sb, tag.get(j));
      }
      sb.append(']');
    }
    sb.append(']');
  }

  static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
