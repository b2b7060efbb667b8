package dvmdash.shared.nostr;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict NIP-01 structure checks: every field present with its JSON type, hex fields of the right length and case,
 * integers without fraction, tags as arrays of strings. It does not check the id or signature ({@link EventVerifier}).
 */
public final class EventParser {

  private EventParser() {
  }

  /** Parses the JSON text of one event object; an object repeating a key is rejected ({@link DuplicateKeys}). */
  public static NostrEvent parse(String json) throws InvalidEventException {
    String dup = DuplicateKeys.find(json);
    if (dup != null) {
      throw new InvalidEventException(RejectReason.DUPLICATE_KEY, "JSON key repeated: " + dup);
    }
    JsonObject o;
    try {
      o = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidEventException(RejectReason.MALFORMED_JSON, "not a JSON object");
    }
    return fromJson(o);
  }

  /** Checks an already decoded JSON value (for example the third element of a relay EVENT frame). */
  public static NostrEvent fromJson(Object value) throws InvalidEventException {
    Map<String, Object> m;
    if (value instanceof JsonObject jo) {
      m = jo.getMap();
    } else if (value instanceof Map<?, ?> raw) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cast = (Map<String, Object>) raw;
      m = cast;
    } else {
      throw wrong("event is not a JSON object");
    }
    String id = hexField(m, "id", 64);
    String pubkey = hexField(m, "pubkey", 64);
    String sig = hexField(m, "sig", 128);
    long createdAt = integerField(m, "created_at", 0, Long.MAX_VALUE);
    int kind = (int) integerField(m, "kind", 0, 65535);
    Object content = m.get("content");
    if (!(content instanceof String contentStr)) {
      throw wrong("content must be a string");
    }
    return new NostrEvent(id, pubkey, createdAt, kind, tags(m.get("tags")), contentStr, sig);
  }

  private static List<List<String>> tags(Object raw) throws InvalidEventException {
    List<?> outer = asList(raw);
    if (outer == null) {
      throw wrong("tags must be an array");
    }
    List<List<String>> tags = new ArrayList<>(outer.size());
    for (Object t : outer) {
      List<?> inner = asList(t);
      if (inner == null) {
        throw wrong("each tag must be an array");
      }
      List<String> tag = new ArrayList<>(inner.size());
      for (Object v : inner) {
        if (!(v instanceof String s)) {
          throw wrong("tag values must be strings");
        }
        tag.add(s);
      }
      tags.add(tag);
    }
    return tags;
  }

  private static List<?> asList(Object o) {
    if (o instanceof JsonArray ja) {
      return ja.getList();
    }
    if (o instanceof List<?> l) {
      return l;
    }
    return null;
  }

  private static String hexField(Map<String, Object> m, String name, int len) throws InvalidEventException {
    Object v = m.get(name);
    if (!(v instanceof String s)) {
      throw wrong(name + " must be a string");
    }
    if (!Hex.isLowerHex(s, len)) {
      throw wrong(name + " must be " + len + " lowercase hex characters");
    }
    return s;
  }

  private static long integerField(Map<String, Object> m, String name, long min, long max)
      throws InvalidEventException {
    Object v = m.get(name);
    if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
      throw wrong(name + " must be an integer");
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw wrong(name + " out of range");
    }
    return n;
  }

  private static InvalidEventException wrong(String msg) {
    return new InvalidEventException(RejectReason.WRONG_TYPES, msg);
  }
}
