package dvmdash.truth;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Ground truth for a DVM's identity: its current announcements (31990), announced kinds, and display profile. */
final class TruthProfiles {

  private final List<NostrEvent> announcements;
  private final List<NostrEvent> profiles;

  TruthProfiles(List<NostrEvent> announcements, List<NostrEvent> profiles) {
    this.announcements = announcements;
    this.profiles = profiles;
  }

  /**
   * The current announcements of a pubkey, of every form (31990, 31999, 11316, 11999): latest per kind and d tag
   * (the replaceable 11316 and 11999 have one address per kind), ties to the lowest id.
   */
  private List<NostrEvent> currentAnnouncements(String pubkey) {
    Map<String, NostrEvent> latest = new HashMap<>();
    for (NostrEvent a : announcements) {
      if (!a.pubkey().equals(pubkey)) {
        continue;
      }
      String dTag = a.kind() < 30000 || a.tagValue("d") == null ? "" : a.tagValue("d");
      dTag = a.kind() + ":" + dTag;
      NostrEvent cur = latest.get(dTag);
      if (cur == null || later(a, cur)) {
        latest.put(dTag, a);
      }
    }
    return new ArrayList<>(latest.values());
  }

  /** True when a is newer than b (greater created_at; same second: the lower id wins). */
  static boolean later(NostrEvent a, NostrEvent b) {
    return a.createdAt() > b.createdAt() || (a.createdAt() == b.createdAt() && a.id().compareTo(b.id()) < 0);
  }

  Set<Integer> announcedKinds(String pubkey) {
    Set<Integer> out = new TreeSet<>();
    for (NostrEvent a : currentAnnouncements(pubkey)) {
      if (a.kind() == 31999 && a.tagValues("n").contains("DVM-01")) {
        out.add(5300);
      }
      if (a.kind() == 11316) {
        continue;
      }
      for (String k : a.tagValues("k")) {
        Long v = TruthAmounts.msat(k);
        if (v != null && v >= 5000 && v <= 5999) {
          out.add(v.intValue());
        }
      }
    }
    return out;
  }

  /**
   * name, picture, about: the latest of its current 31990s (latest per d) with a JSON name, else its latest kind 0;
   * empty object when neither.
   */
  JsonObject profile(String pubkey) {
    NostrEvent bestAnn = null;
    JsonObject bestAnnJson = null;
    for (NostrEvent a : currentAnnouncements(pubkey)) {
      JsonObject o = display(a);
      if (o != null && o.getValue("name") instanceof String name && !name.isEmpty()
          && (bestAnn == null || later(a, bestAnn))) {
        bestAnn = a;
        bestAnnJson = o;
      }
    }
    JsonObject src = bestAnnJson;
    if (src == null) {
      NostrEvent latest0 = null;
      for (NostrEvent p : profiles) {
        if (p.pubkey().equals(pubkey) && (latest0 == null || later(p, latest0))) {
          latest0 = p;
        }
      }
      src = latest0 == null ? null : jsonObject(latest0.content());
    }
    JsonObject out = new JsonObject();
    if (src != null) {
      out.put("name", src.getValue("name") instanceof String s ? s : null);
      Object pic = src.getValue("picture") != null ? src.getValue("picture") : src.getValue("image");
      out.put("picture", pic instanceof String s ? s : null);
      out.put("about", src.getValue("about") instanceof String s ? s : null);
    }
    return out;
  }

  /** The forms announced by a pubkey: kinds of its current announcements, ascending. */
  List<Integer> forms(String pubkey) {
    Set<Integer> out = new TreeSet<>();
    for (NostrEvent a : currentAnnouncements(pubkey)) {
      out.add(a.kind());
    }
    return new ArrayList<>(out);
  }

  /**
   * Display fields of one announcement: the JSON content of a 31990; for the newer forms the name / about / picture
   * tags when any is present, else the JSON content (a ContextVM server: only serverInfo.name).
   */
  private static JsonObject display(NostrEvent a) {
    if (a.kind() == 31990) {
      return jsonObject(a.content());
    }
    JsonObject tags = new JsonObject();
    for (String f : new String[] {"name", "about", "picture"}) {
      String v = a.tagValue(f);
      if (v != null && !v.isBlank()) {
        tags.put(f, v);
      }
    }
    if (!tags.isEmpty()) {
      return tags;
    }
    JsonObject content = jsonObject(a.content());
    if (a.kind() == 11316 && content != null) {
      JsonObject info = content.getValue("serverInfo") instanceof JsonObject o ? o : null;
      return info == null ? null : new JsonObject().put("name", info.getValue("name"));
    }
    return content;
  }

  private static JsonObject jsonObject(String s) {
    try {
      return new JsonObject(s);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
