package dvmdash.shared.nostr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * NIP-01 canonical serialization {@code [0,pubkey,created_at,kind,tags,content]} and the event id (its SHA-256).
 * Hand-written on purpose: generic JSON mappers escape control characters with uppercase hex, which changes the id.
 */
public final class CanonicalSerializer {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private CanonicalSerializer() {
  }

  public static String serialize(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    StringBuilder sb = new StringBuilder(128 + content.length());
    sb.append("[0,\"").append(pubkey).append("\",").append(createdAt).append(',').append(kind).append(',');
    appendTags(sb, tags);
    sb.append(',');
    appendString(sb, content);
    sb.append(']');
    return sb.toString();
  }

  /**
   * The 32-byte id of the given fields, or null when a string holds a lone surrogate (no UTF-8 form exists, so no
   * signer could have produced a valid id for it).
   */
  public static byte[] idBytes(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    String s = serialize(pubkey, createdAt, kind, tags, content);
    if (hasLoneSurrogate(s)) {
      return null;
    }
    return SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String computeId(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    byte[] id = idBytes(pubkey, createdAt, kind, tags, content);
    return id == null ? null : Hex.encode(id);
  }

  /** Appends the tags as a JSON array of arrays of strings, with exactly the NIP-01 escapes. */
  public static void appendTags(StringBuilder sb, List<List<String>> tags) {
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

  /** Appends {@code s} as a JSON string with exactly the NIP-01 escapes. */
  public static void appendString(StringBuilder sb, String s) {
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

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
