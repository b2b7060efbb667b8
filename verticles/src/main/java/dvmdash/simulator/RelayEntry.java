package dvmdash.simulator;

import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One stored event of a simulated relay: the pre-serialized event text plus the few fields filters look at
 * ({@code tagIndex} holds "x:value" for every single-letter tag x with a value). The text may be junk; the index is
 * then what the generator says the junk pretends to be.
 */
public record RelayEntry(String id, String pubkey, long createdAt, int kind, List<String> tagIndex, String json) {

  public static RelayEntry of(NostrEvent e) {
    return of(e, EventWriter.toJson(e));
  }

  public static RelayEntry of(NostrEvent e, String json) {
    return new RelayEntry(e.id(), e.pubkey(), e.createdAt(), e.kind(), index(e.tags()), json);
  }

  /**
   * Index fields read leniently from arbitrary event text (for published raw text and served files). Text that is
   * not a JSON object gets an empty index with kind -1, which only matches filters without conditions.
   */
  public static RelayEntry lenient(String json) {
    try {
      JsonObject o = new JsonObject(json);
      Object created = o.getValue("created_at");
      Object kind = o.getValue("kind");
      List<List<String>> tags = new ArrayList<>();
      Object rawTags = o.getValue("tags");
      if (rawTags instanceof JsonArray arr) {
        for (Object t : arr) {
          if (t instanceof JsonArray ta) {
            List<String> tag = new ArrayList<>();
            for (Object v : ta) {
              tag.add(String.valueOf(v));
            }
            tags.add(tag);
          }
        }
      }
      return new RelayEntry(stringOrEmpty(o.getValue("id")), stringOrEmpty(o.getValue("pubkey")),
        created instanceof Number n ? n.longValue() : 0L, kind instanceof Number k ? k.intValue() : -1,
        index(tags), json);
    } catch (RuntimeException e) {
      return new RelayEntry("", "", 0L, -1, List.of(), json);
    }
  }

  private static String stringOrEmpty(Object o) {
    return o instanceof String s ? s : "";
  }

  static List<String> index(List<List<String>> tags) {
    List<String> out = new ArrayList<>();
    for (List<String> t : tags) {
      if (t.size() > 1 && t.get(0).length() == 1) {
        out.add(t.get(0) + ":" + t.get(1));
      }
    }
    return List.copyOf(out);
  }
}
