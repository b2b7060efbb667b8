package dvmdash.collector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded set of accepted event ids with, per id, a bitmask of the relays (indexes 0..63) that delivered it.
 *
 * <p>Backed by an access-ordered {@link LinkedHashMap}: every operation is O(1) and, once full, adding an id evicts the
 * least recently seen one (never an O(N) trim). Ids are stored as two longs (128 of the id's 256 bits), so
 * an entry costs well under 100 bytes. Not thread-safe: confined to one verticle's event loop.
 */
public final class DedupCache {

  private final int capacity;
  private final LinkedHashMap<IdKey, Long> masks;

  public DedupCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
    this.masks = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<IdKey, Long> eldest) {
        return size() > DedupCache.this.capacity;
      }
    };
  }

  /** True when {@code eventId} was added and not evicted yet. Does not refresh its position. */
  public boolean contains(String eventId) {
    return masks.containsKey(IdKey.of(eventId));
  }

  /**
   * For an id already in the cache: records that relay {@code relayIndex} delivered it too and refreshes its position.
   *
   * @return {@link Sighting#UNKNOWN} when the id is not cached, {@link Sighting#NEW_RELAY} when this relay had not
   *     delivered it before, {@link Sighting#REPEAT} otherwise
   */
  public Sighting sight(String eventId, int relayIndex) {
    IdKey key = IdKey.of(eventId);
    Long mask = masks.get(key);
    if (mask == null) {
      return Sighting.UNKNOWN;
    }
    long bit = bit(relayIndex);
    if ((mask & bit) != 0) {
      return Sighting.REPEAT;
    }
    masks.put(key, mask | bit);
    return Sighting.NEW_RELAY;
  }

  /** Adds an accepted id as delivered by relay {@code relayIndex}; may evict the least recently seen id. */
  public void add(String eventId, int relayIndex) {
    IdKey key = IdKey.of(eventId);
    Long mask = masks.get(key);
    masks.put(key, (mask == null ? 0L : mask) | bit(relayIndex));
  }

  /** The relay bitmask of an id (0 when not cached); counts as an access (refreshes its position). */
  public long relayMask(String eventId) {
    Long mask = masks.get(IdKey.of(eventId));
    return mask == null ? 0L : mask;
  }

  public int size() {
    return masks.size();
  }

  public int capacity() {
    return capacity;
  }

  private static long bit(int relayIndex) {
    if (relayIndex < 0 || relayIndex > 63) {
      throw new IllegalArgumentException("relay index must be 0..63, got " + relayIndex);
    }
    return 1L << relayIndex;
  }

  /** What {@link #sight} found. */
  public enum Sighting {
    UNKNOWN, NEW_RELAY, REPEAT
  }

  /** First and last 64 bits of a lowercase-hex event id (ids are sha256 output: uniformly distributed). */
  private record IdKey(long hi, long lo) {

    static IdKey of(String hexId) {
      int n = hexId.length();
      if (n < 32) {
        throw new IllegalArgumentException("event id too short");
      }
      return new IdKey(Long.parseUnsignedLong(hexId, 0, 16, 16), Long.parseUnsignedLong(hexId, n - 16, n, 16));
    }
  }
}
