package dvmdash.shared.nostr;

import java.util.List;

/**
 * Writes events as compact NIP-01 JSON objects by hand, with the escapes of the canonical serialization (lowercase
 * {@code \\u00xx}), so the text parses back to exactly the signed values. The one NIP-01 event writer of DVMDash.
 */
public final class EventWriter {

  private EventWriter() {
  }

  public static String toJson(NostrEvent e) {
    return toJson(e.id(), e.pubkey(), Long.toString(e.createdAt()), e.kind(), e.tags(), e.content(), e.sig());
  }

  /** Same layout, with {@code createdAtLiteral} written verbatim (lets a test put a string where a number belongs). */
  public static String toJson(String id, String pubkey, String createdAtLiteral, int kind, List<List<String>> tags,
                              String content, String sig) {
    StringBuilder sb = new StringBuilder(256 + content.length());
    sb.append("{\"id\":\"").append(id)
        .append("\",\"pubkey\":\"").append(pubkey)
        .append("\",\"created_at\":").append(createdAtLiteral)
        .append(",\"kind\":").append(kind)
        .append(",\"tags\":");
    CanonicalSerializer.appendTags(sb, tags);
    sb.append(",\"content\":");
    CanonicalSerializer.appendString(sb, content);
    sb.append(",\"sig\":\"").append(sig).append("\"}");
    return sb.toString();
  }

  /** A JSON string literal (with quotes). */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    CanonicalSerializer.appendString(sb, s);
    return sb.toString();
  }
}
