package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DedupCacheTest {

  static String id(int n) {
    return String.format("%064x", n);
  }

  @Test
  void boundedSize() {
    DedupCache c = new DedupCache(1000);
    for (int i = 0; i < 10_000; i++) {
      c.add(id(i), 0);
      assertTrue(c.size() <= 1000);
    }
    assertEquals(1000, c.size());
    assertFalse(c.contains(id(8999)));
    assertTrue(c.contains(id(9000)));
    assertTrue(c.contains(id(9999)));
  }

  @Test
  void evictsLeastRecentlySeen() {
    DedupCache c = new DedupCache(3);
    c.add(id(1), 0);
    c.add(id(2), 0);
    c.add(id(3), 0);
    assertEquals(DedupCache.Sighting.REPEAT, c.sight(id(1), 0));
    c.add(id(4), 0);
    assertTrue(c.contains(id(1)), "refreshed by the sighting");
    assertFalse(c.contains(id(2)), "oldest untouched id evicted");
    assertTrue(c.contains(id(3)));
    assertTrue(c.contains(id(4)));
  }

  @Test
  void relayMask() {
    DedupCache c = new DedupCache(10);
    assertEquals(DedupCache.Sighting.UNKNOWN, c.sight(id(7), 0));
    assertFalse(c.contains(id(7)), "sighting never adds");
    c.add(id(7), 0);
    assertEquals(1L, c.relayMask(id(7)));
    assertEquals(DedupCache.Sighting.REPEAT, c.sight(id(7), 0));
    assertEquals(DedupCache.Sighting.NEW_RELAY, c.sight(id(7), 5));
    assertEquals(DedupCache.Sighting.REPEAT, c.sight(id(7), 5));
    assertEquals(DedupCache.Sighting.NEW_RELAY, c.sight(id(7), 63));
    assertEquals(1L | (1L << 5) | (1L << 63), c.relayMask(id(7)));
    assertEquals(0L, c.relayMask(id(8)));
    assertThrows(IllegalArgumentException.class, () -> c.add(id(9), 64));
  }

  @Test
  void keyUsesFirstAndLast64Bits() {
    DedupCache c = new DedupCache(10);
    c.add("a".repeat(16) + "0".repeat(32) + "b".repeat(16), 0);
    assertTrue(c.contains("a".repeat(16) + "f".repeat(32) + "b".repeat(16)), "middle bits are not stored");
    assertFalse(c.contains("a".repeat(16) + "0".repeat(32) + "c".repeat(16)));
  }
}
