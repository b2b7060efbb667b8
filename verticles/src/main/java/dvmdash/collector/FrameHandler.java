package dvmdash.collector;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.RelayUrls;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.DuplicateKeys;
import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.RejectReason;
import io.vertx.core.json.JsonArray;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns relay frames into {@link Outcome}s; pure logic, one instance per collector verticle shared by its connections.
 *
 * <p>EVENT checks, cheapest first: frame size (UTF-8 bytes, before parsing), no repeated JSON key, JSON, event
 * structure, duplicate id, excluded / unexpected kind, future {@code created_at}, {@code created_at} before the floor
 * ({@code min_created_at}), id and signature. An id enters the {@link DedupCache} only after every check passed, so a
 * forged copy arriving first cannot block the real event. Never throws; every rejection is counted in the relay's
 * {@link RelayStats}.
 */
public final class FrameHandler {

  private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);

  private final int maxFrameBytes;
  private final long futureToleranceSeconds;
  private final long minCreatedAt;
  private final Set<Integer> excludedKinds;
  private final Set<Integer> subscribedKinds;
  private final DedupCache dedup;
  private final Map<String, Integer> relayIndexes = new LinkedHashMap<>();
  private final Map<String, RelayStats> stats = new LinkedHashMap<>();

  public FrameHandler(CollectorConfig config, Set<Integer> subscribedKinds) {
    this.maxFrameBytes = config.maxEventBytes();
    this.futureToleranceSeconds = config.futureToleranceSeconds();
    this.minCreatedAt = config.minCreatedAt();
    this.excludedKinds = Set.copyOf(config.excludedKinds());
    Set<Integer> kinds = new HashSet<>(subscribedKinds);
    kinds.add(0);
    this.subscribedKinds = Set.copyOf(kinds);
    this.dedup = new DedupCache(config.dedupCapacity());
    for (String url : config.relays()) {
      relayIndex(url);
    }
  }

  /** The stats of a relay (created on first use). */
  public RelayStats stats(String relayUrl) {
    relayIndex(relayUrl);
    return stats.get(relayUrl);
  }

  public Map<String, RelayStats> allStats() {
    return stats;
  }

  public DedupCache dedup() {
    return dedup;
  }

  public Outcome handle(String relayUrl, String frameText, long nowMillis) {
    RelayStats st = stats(relayUrl);
    try {
      return classify(relayUrl, st, frameText, nowMillis);
    } catch (RuntimeException e) {
      log.warn("Unexpected error handling a frame from {}: {}", RelayUrls.redact(relayUrl), e.toString());
      return reject(st, RejectReason.MALFORMED_JSON, "unexpected: " + e);
    }
  }

  private Outcome classify(String relayUrl, RelayStats st, String text, long nowMillis) {
    if (text == null) {
      return reject(st, RejectReason.MALFORMED_JSON, "empty frame");
    }
    if (utf8Exceeds(text, maxFrameBytes)) {
      return reject(st, RejectReason.OVERSIZED, "frame larger than " + maxFrameBytes + " bytes");
    }
    String dup = DuplicateKeys.find(text);
    if (dup != null) {
      return reject(st, RejectReason.DUPLICATE_KEY, "JSON key repeated: " + dup);
    }
    JsonArray frame;
    try {
      frame = new JsonArray(text);
    } catch (RuntimeException e) {
      return reject(st, RejectReason.MALFORMED_JSON, "frame is not a JSON array");
    }
    if (frame.isEmpty() || !(frame.getValue(0) instanceof String label)) {
      return reject(st, RejectReason.MALFORMED_JSON, "frame has no type label");
    }
    switch (label) {
      case "EVENT":
        return event(relayUrl, st, frame, nowMillis);
      case "EOSE":
        return Outcome.control(Outcome.Type.EOSE, stringAt(frame, 1), null);
      case "CLOSED":
        return Outcome.control(Outcome.Type.CLOSED, stringAt(frame, 1), stringAt(frame, 2));
      case "NOTICE":
        return Outcome.control(Outcome.Type.NOTICE, null, stringAt(frame, 1));
      case "OK":
        return Outcome.control(Outcome.Type.OK, null, stringAt(frame, 3));
      case "AUTH":
        return Outcome.control(Outcome.Type.AUTH, null, stringAt(frame, 1));
      default:
        return Outcome.control(Outcome.Type.IGNORED, null, label);
    }
  }

  private Outcome event(String relayUrl, RelayStats st, JsonArray frame, long nowMillis) {
    if (frame.size() != 3 || !(frame.getValue(1) instanceof String subId)) {
      return reject(st, RejectReason.MALFORMED_JSON, "EVENT frame must be [\"EVENT\", sub, event]");
    }
    NostrEvent ev;
    try {
      ev = EventParser.fromJson(frame.getValue(2));
    } catch (InvalidEventException e) {
      return reject(st, e.reason(), e.getMessage());
    }
    int relay = relayIndexes.get(relayUrl);
    DedupCache.Sighting seen = dedup.sight(ev.id(), relay);
    if (seen != DedupCache.Sighting.UNKNOWN) {
      st.duplicate();
      ReceivedEvent sighting = seen == DedupCache.Sighting.NEW_RELAY
          ? ReceivedEvent.sighting(ev.id(), relayUrl, nowMillis)
          : null;
      return Outcome.duplicate(subId, sighting);
    }
    if (excludedKinds.contains(ev.kind())) {
      return reject(st, RejectReason.EXCLUDED_KIND, "kind " + ev.kind() + " is excluded");
    }
    if (!subscribedKinds.contains(ev.kind())) {
      return reject(st, RejectReason.UNEXPECTED_KIND, "kind " + ev.kind() + " was not subscribed");
    }
    if (ev.createdAt() > nowMillis / 1000 + futureToleranceSeconds) {
      return reject(st, RejectReason.FUTURE_TIMESTAMP, "created_at " + ev.createdAt() + " is in the future");
    }
    if (ev.createdAt() < minCreatedAt) {
      return reject(st, RejectReason.TOO_OLD, "created_at " + ev.createdAt() + " is before " + minCreatedAt);
    }
    try {
      EventVerifier.verify(ev);
    } catch (InvalidEventException e) {
      return reject(st, e.reason(), e.getMessage() + " (" + ev.id() + ")");
    }
    dedup.add(ev.id(), relay);
    st.accepted(nowMillis);
    return Outcome.accepted(subId, ReceivedEvent.of(ev, relayUrl, nowMillis));
  }

  private int relayIndex(String relayUrl) {
    Integer idx = relayIndexes.get(relayUrl);
    if (idx != null) {
      return idx;
    }
    if (relayIndexes.size() >= CollectorConfig.MAX_RELAYS) {
      throw new IllegalStateException("more than " + CollectorConfig.MAX_RELAYS + " relays");
    }
    int next = relayIndexes.size();
    relayIndexes.put(relayUrl, next);
    stats.put(relayUrl, new RelayStats(relayUrl));
    return next;
  }

  private static Outcome reject(RelayStats st, RejectReason reason, String message) {
    st.rejected(reason);
    return Outcome.rejected(reason, message);
  }

  private static String stringAt(JsonArray a, int i) {
    return a.size() > i && a.getValue(i) instanceof String s ? s : null;
  }

  /** True when the UTF-8 encoding of {@code s} is longer than {@code max} bytes; no allocation. */
  static boolean utf8Exceeds(String s, int max) {
    int len = s.length();
    if (len > max) {
      return true;
    }
    if ((long) len * 3 <= max) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
      if (bytes > max) {
        return true;
      }
    }
    return false;
  }
}
