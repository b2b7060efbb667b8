package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import java.util.List;

/**
 * Invalid events for DVMDash to reject. Each looks like a kind 5300 request (so ordinary filters deliver it); the
 * returned entry's index says what it pretends to be.
 */
public final class JunkFactory {

  private static final int OVERSIZED_CONTENT_CHARS = 520 * 1024;

  private final SimRandom rng;
  private final long now;

  public JunkFactory(SimRandom rng, long now) {
    this.rng = rng;
    this.now = now;
  }

  public RelayEntry make(JunkType type, EventSigner author, long t) {
    return switch (type) {
      case FORGED_SIGNATURE -> {
        NostrEvent e = request(author, t, "");
        yield entry(e, EventWriter.toJson(e.id(), e.pubkey(), Long.toString(t), e.kind(), e.tags(), e.content(),
          rng.hex(64)));
      }
      case ID_MISMATCH -> {
        NostrEvent e = request(author, t, "");
        yield entry(e, EventWriter.toJson(e.id(), e.pubkey(), Long.toString(t), e.kind(), e.tags(), "tampered",
          e.sig()));
      }
      case MALFORMED_JSON -> {
        NostrEvent e = request(author, t, "");
        String json = EventWriter.toJson(e);
        yield entry(e, json.substring(0, json.length() / 2));
      }
      case WRONG_TYPES -> {
        NostrEvent e = request(author, t, "");
        yield entry(e, EventWriter.toJson(e.id(), e.pubkey(), "\"" + t + "\"", e.kind(), e.tags(), e.content(),
          e.sig()));
      }
      case OVERSIZED -> {
        NostrEvent e = request(author, t, "x".repeat(OVERSIZED_CONTENT_CHARS));
        yield entry(e, EventWriter.toJson(e));
      }
      case FUTURE_CREATED_AT -> {
        NostrEvent e = request(author, now + 3_600, "");
        yield entry(e, EventWriter.toJson(e));
      }
      case DUPLICATE -> throw new IllegalArgumentException("duplicates are copies of valid events");
    };
  }

  private NostrEvent request(EventSigner author, long t, String content) {
    List<List<String>> tags = List.of(List.of("param", "max_results", Integer.toString(rng.between(10, 100))));
    return author.sign(t, 5300, tags, content);
  }

  private static RelayEntry entry(NostrEvent pretended, String json) {
    return new RelayEntry(pretended.id(), pretended.pubkey(), pretended.createdAt(), pretended.kind(),
      RelayEntry.index(pretended.tags()), json);
  }
}
