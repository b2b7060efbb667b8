package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** NIP-89 announcements (31990, and the newer 31999, 11316, 11999 forms) and kind 0 profiles of simulated DVMs, following each persona's style. */
public final class AnnouncementFactory {

  private AnnouncementFactory() {
  }

  /** The self-description events of {@code d}, dated from {@code t} on. */
  public static List<NostrEvent> describe(DvmPersona d, long t) {
    List<NostrEvent> out = new ArrayList<>();
    String slug = "dvm-" + d.index();
    switch (d.style()) {
      case SINGLE -> {
        out.add(announcement(d, t + 60, slug, d.kinds(), content(d.name())));
        out.add(profile(d.signer(), t, d.name() + " (profile)"));
      }
      case TWO_D -> {
        out.add(announcement(d, t + 60, slug + "-a", d.kinds().subList(0, 1), content(d.name())));
        List<Integer> rest = d.kinds().size() > 1 ? d.kinds().subList(1, d.kinds().size()) : List.of(5302);
        out.add(announcement(d, t + 120, slug + "-b", rest, content(d.name() + " Search")));
        out.add(profile(d.signer(), t, d.name()));
      }
      case REPLACED -> {
        List<Integer> older = new ArrayList<>(d.kinds());
        older.add(5050);
        out.add(announcement(d, t, slug, older, content(d.name() + " (old)")));
        out.add(announcement(d, t + 86_400, slug, d.kinds(), content(d.name())));
      }
      case PROFILE_ONLY -> out.add(profile(d.signer(), t, d.name()));
      case INVALID_JSON -> {
        String python = "{\"name\": \"" + d.name() + " (31990)\", \"about\": \"broken\", \"active\": True}";
        out.add(announcement(d, t + 60, slug, d.kinds(), python));
        out.add(profile(d.signer(), t, d.name()));
      }
      case NONE -> {
      }
      default -> throw new IllegalStateException("unhandled style " + d.style());
    }
    out.addAll(newerForms(d, t));
    return out;
  }

  /**
   * The newer announcement forms some personas publish beside (or instead of) a 31990, by persona template: Fresh
   * Feed a 31999 service announcement (flow DVM-01), LLM Helper an 11999 encrypted-DVM announcement, Search Machine
   * only a ContextVM 11316 server announcement (its name comes from there).
   */
  public static List<NostrEvent> newerForms(DvmPersona d, long t) {
    List<NostrEvent> out = new ArrayList<>();
    String picture = avatar(d.name(), d.name());
    switch (d.index() % 12) {
      case 2 -> out.add(d.signer().sign(t + 180, 31999, List.of(List.of("d", serviceD(d)), List.of("n", "DVM-01"),
          List.of("name", d.name()), List.of("about", "A simulated service (31999)"), List.of("picture", picture)),
          ""));
      case 6 -> out.add(d.signer().sign(t + 180, 11999, List.of(List.of("k", "5050"), List.of("name", d.name()),
          List.of("picture", picture)), "encrypted jobs only"));
      case 11 -> out.add(d.signer().sign(t + 180, 11316, List.of(List.of("name", d.name()),
          List.of("about", "A simulated ContextVM server"), List.of("picture", picture)),
          "{\"protocolVersion\":\"2025-06-18\",\"serverInfo\":{\"name\":\"sim-mcp\",\"version\":\"1.0\"}}"));
      default -> {
      }
    }
    return out;
  }

  /** The {@code d} of a persona's 31999 service announcement (its 1999 heartbeats point at it). */
  public static String serviceD(DvmPersona d) {
    return "service-" + d.index();
  }

  public static NostrEvent announcement(DvmPersona d, long t, String dTag, List<Integer> kinds, String content) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("d", dTag));
    for (int k : kinds) {
      tags.add(List.of("k", Integer.toString(k)));
    }
    tags.add(List.of("web", "https://dvm.example.com/<bech32>", "nevent"));
    return d.signer().sign(t, 31990, tags, content);
  }

  public static NostrEvent profile(EventSigner signer, long t, String name) {
    String content = new JsonObject()
      .put("name", name)
      .put("about", "simulated account")
      .put("picture", avatar(name, signer.pubkey()))
      .encode();
    return signer.sign(t, 0, List.of(), content);
  }

  private static String content(String name) {
    return new JsonObject()
      .put("name", name)
      .put("about", "A simulated data vending machine")
      .put("picture", avatar(name, name))
      .encode();
  }

  /**
   * A self-contained SVG avatar (a data: URI, so the offline demo never reaches out to an image host): the first
   * letter of the name on a colour derived from {@code seed}.
   */
  static String avatar(String name, String seed) {
    int hue = Math.floorMod(seed.hashCode(), 360);
    String letter = name.isEmpty() ? "?" : name.substring(0, 1).toUpperCase(java.util.Locale.ROOT);
    String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><rect width='64' height='64' rx='12'"
        + " fill='hsl(" + hue + ",55%,45%)'/><text x='32' y='42' font-family='sans-serif' font-size='30'"
        + " text-anchor='middle' fill='white'>" + letter + "</text></svg>";
    return "data:image/svg+xml;base64," + java.util.Base64.getEncoder()
        .encodeToString(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
