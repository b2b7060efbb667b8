package dvmdash.shared.nostr;

import java.util.Map;

/**
 * Display names for DVM kinds (protocol.md §16). A result kind (6000-6999) carries the name of its request kind
 * (kind − 1000). Names are descriptive only: a name does not prove that traffic on a kind comes from DVMs.
 */
public final class KindCatalog {

  /** Name shown for a 5000-6999 kind without a catalog row. */
  public static final String UNREGISTERED = "Unregistered";

  private static final Map<Integer, String> REQUEST_KINDS = Map.ofEntries(
    Map.entry(5000, "Text extraction (speech-to-text, OCR)"),
    Map.entry(5001, "Summarization"),
    Map.entry(5002, "Translation"),
    Map.entry(5005, "Translation (NIP-90 example)"),
    Map.entry(5050, "Text generation (LLM)"),
    Map.entry(5100, "Image generation"),
    Map.entry(5101, "Image-to-image"),
    Map.entry(5102, "Image composition of two jobs"),
    Map.entry(5107, "IoT device method call"),
    Map.entry(5200, "Video conversion"),
    Map.entry(5201, "Video translation"),
    Map.entry(5202, "Image-to-video"),
    Map.entry(5204, "Unregistered, mostly encrypted"),
    Map.entry(5205, "Social-video download"),
    Map.entry(5206, "Blossom upload / copy"),
    Map.entry(5250, "Text-to-speech"),
    Map.entry(5300, "Content discovery (feeds)"),
    Map.entry(5301, "People discovery"),
    Map.entry(5302, "Content search"),
    Map.entry(5303, "People search"),
    Map.entry(5304, "Visual content discovery"),
    Map.entry(5305, "Unregistered discovery"),
    Map.entry(5312, "Verify Reputation (Vertex)"),
    Map.entry(5313, "Recommend Follows (Vertex)"),
    Map.entry(5314, "Rank Profiles (Vertex)"),
    Map.entry(5315, "Search Profiles (Vertex)"),
    Map.entry(5400, "Event count"),
    Map.entry(5500, "Malware scanning"),
    Map.entry(5600, "CI/CD run on a git repo"),
    Map.entry(5900, "Event timestamping (OpenTimestamps)"),
    Map.entry(5901, "OP_RETURN creation"),
    Map.entry(5905, "Event publish schedule"),
    Map.entry(5906, "DVM subscription (NIP-88)"),
    Map.entry(5910, "MCP server call (DVMCP)"),
    Map.entry(5950, "NIP-05 name registration"),
    Map.entry(5970, "Event PoW delegation"),
    Map.entry(5988, "WASM execution"),
    Map.entry(5999, "Generic (nostrdvm) / VM provisioning (LNVPS)")
  );

  private static final Map<Integer, String> OTHER_KINDS = Map.ofEntries(
    Map.entry(0, "Profile"),
    Map.entry(7000, "Job feedback"),
    Map.entry(9735, "Zap receipt"),
    Map.entry(31990, "Handler announcement"),
    Map.entry(1999, "DVM heartbeat (NIP-90 rewrite)"),
    Map.entry(7007, "DVM ping"),
    Map.entry(11316, "ContextVM server announcement"),
    Map.entry(11317, "ContextVM tools list"),
    Map.entry(11318, "ContextVM resources list"),
    Map.entry(11319, "ContextVM resource templates list"),
    Map.entry(11320, "ContextVM prompts list"),
    Map.entry(11998, "DVM heartbeat (nostrdvm)"),
    Map.entry(11999, "Encrypted DVM announcement"),
    Map.entry(31999, "Service announcement (NIP-90 rewrite)")
  );

  private KindCatalog() {
  }

  /**
   * The catalog name of {@code kind}: a request kind's row, a result kind's request row, "Unregistered" for any
   * other 5000-6999 kind, the names of 0, 7000, 9735 and 31990, and "Kind N" for everything else.
   */
  public static String name(int kind) {
    String known = lookup(kind);
    if (known != null) {
      return known;
    }
    if (kind >= 5000 && kind <= 6999) {
      return UNREGISTERED;
    }
    return "Kind " + kind;
  }

  /** True when {@code kind} has a row of its own (or, for a result kind, its request kind has one). */
  public static boolean isKnown(int kind) {
    return lookup(kind) != null;
  }

  private static String lookup(int kind) {
    if (kind >= 5000 && kind <= 5999) {
      return REQUEST_KINDS.get(kind);
    }
    if (kind >= 6000 && kind <= 6999) {
      return REQUEST_KINDS.get(kind - 1000);
    }
    return OTHER_KINDS.get(kind);
  }
}
