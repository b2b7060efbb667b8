package dvmdash.shared.nostr;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Any of the announcement forms a DVM (or a successor service) publishes about itself, read the same way: its form
 * (the kind), its address identifier, the request kinds it announces and its display fields.
 *
 * <ul>
 *   <li>31990 NIP-89 handler: {@code d}, {@code k} tags, kind-0-style JSON content.</li>
 *   <li>31999 service announcement (NIP-90 rewrite): {@code d}, {@code k} tags and {@code n} flows ({@code DVM-01} =
 *       content discovery, 5300), {@code name}/{@code about}/{@code picture} tags, else JSON content.</li>
 *   <li>11316 ContextVM server: replaceable ({@code d} = ""), {@code name}/{@code about}/{@code picture} tags, else
 *       the MCP {@code serverInfo.name} of its content; announces no request kinds.</li>
 *   <li>11999 encrypted DVM: replaceable ({@code d} = ""), {@code k} tags, tags or JSON content for display.</li>
 * </ul>
 */
public record ServiceAnnouncement(int kind, String d, Set<Integer> kinds, Profile profile) {

  public static final int NIP89 = 31990;
  public static final int SERVICE = 31999;
  public static final int CONTEXTVM = 11316;
  public static final int ENCRYPTED = 11999;
  /** Flow names of 31999 {@code n} tags that stand for one request kind. */
  private static final Map<String, Integer> FLOW_KINDS = Map.of("DVM-01", 5300);

  /** True for the four announcement kinds. */
  public static boolean isAnnouncement(int kind) {
    return kind == NIP89 || kind == SERVICE || kind == CONTEXTVM || kind == ENCRYPTED;
  }

  /** Empty for any other kind; never throws. {@code profile} is null when no display field is present. */
  public static Optional<ServiceAnnouncement> parse(NostrEvent e) {
    int kind = e.kind();
    if (!isAnnouncement(kind)) {
      return Optional.empty();
    }
    boolean addressable = kind >= 30000;
    String d = addressable ? Announcement.dTag(e) : "";
    Set<Integer> kinds = new TreeSet<>();
    if (kind != CONTEXTVM) {
      for (String value : e.tagValues("k")) {
        if (isRequestKind(value)) {
          kinds.add(Integer.parseInt(value));
        }
      }
    }
    if (kind == SERVICE) {
      for (String flow : e.tagValues("n")) {
        Integer k = FLOW_KINDS.get(flow);
        if (k != null) {
          kinds.add(k);
        }
      }
    }
    Profile profile = kind == NIP89 ? ProfileParser.parse(e.content()).orElse(null) : fromTags(e);
    if (profile == null && kind != NIP89) {
      profile = kind == CONTEXTVM ? serverInfo(e.content()) : ProfileParser.parse(e.content()).orElse(null);
    }
    return Optional.of(new ServiceAnnouncement(kind, d, Collections.unmodifiableSet(kinds), profile));
  }

  private static Profile fromTags(NostrEvent e) {
    String name = nonBlank(e.tagValue("name"));
    String about = nonBlank(e.tagValue("about"));
    String picture = nonBlank(e.tagValue("picture"));
    if (picture == null) {
      picture = nonBlank(e.tagValue("image"));
    }
    return name == null && about == null && picture == null ? null : new Profile(name, about, picture);
  }

  private static Profile serverInfo(String content) {
    if (content == null || content.isBlank()) {
      return null;
    }
    try {
      JsonObject info = new JsonObject(content).getJsonObject("serverInfo");
      String name = info == null || !(info.getValue("name") instanceof String s) ? null : nonBlank(s);
      return name == null ? null : new Profile(name, null, null);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Exactly "5000" to "5999". */
  private static boolean isRequestKind(String value) {
    if (value == null || value.length() != 4 || value.charAt(0) != '5') {
      return false;
    }
    for (int i = 1; i < 4; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
