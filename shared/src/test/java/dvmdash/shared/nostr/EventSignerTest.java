package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignerTest {

  private static final List<List<String>> TAGS = List.of(List.of("i", "hello", "text"));

  @Test
  void deterministicSignerReproducesTheSimulatorsEventsByteForByte() {
    NostrEvent e = EventSigner.deterministic(1).sign(1_700_000_000L, 5050, TAGS, "job");
    // the event the simulator's former own signer (SimSigner.fromSeed(1)) produced for the same fields
    assertEquals("fba6c7a9d51301ac19cf7409a86054968ed3e61ab5379ba0e95e96366f575600", e.id());
    assertEquals("02020e431bce2fb24f8929a7ea9edd2667c0de6ca5f2b50300c5e66d8bf5f6ff", e.pubkey());
    assertEquals("ab40a70f5d1a25ca9ee3cb6276765d6e55cc5de8f3c52f9996aaf76b6bf47f4e"
        + "5d89504984900ba7f19245d4c41c98e4679eedb0ebae77f3d9a26d1e7099135c", e.sig());
    assertDoesNotThrow(() -> EventVerifier.verify(e));
  }

  @Test
  void deterministicAndRandomizedSignersShareTheSeedsKeyButOnlyTheFormerRepeatsSignatures() {
    EventSigner deterministic = EventSigner.deterministic(7);
    EventSigner randomized = EventSigner.fromSeed(7);
    assertEquals(randomized.pubkey(), deterministic.pubkey());
    assertEquals(deterministic.sign(1, 1, TAGS, "x").sig(), deterministic.sign(1, 1, TAGS, "x").sig());
    NostrEvent a = randomized.sign(1, 1, TAGS, "x");
    NostrEvent b = randomized.sign(1, 1, TAGS, "x");
    assertNotEquals(a.sig(), b.sig());
    assertDoesNotThrow(() -> EventVerifier.verify(a));
  }
}
