package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EventBodyTest {

  private static final EventSigner USER = EventSigner.fromSeed(11);
  private static final EventSigner DVM = EventSigner.fromSeed(12);

  @Test
  void everyTagAndContentComesBackExactly() {
    String tricky = "nul\u0000 \"q\" back\\slash \n é 🤖 \u2028 </script>";
    List<NostrEvent> events = List.of(
        USER.sign(1_700_000_000L, 5050, List.of(List.of("i", tricky, "text"), List.of("empty")), tricky),
        USER.sign(1_700_000_001L, 5300, List.of(), ""),
        USER.sign(1_700_000_002L, 7000, List.of(List.of("status", "error", "x".repeat(10_000))), ""));
    for (NostrEvent e : events) {
      byte[] body = EventBody.encode(StoredRow.tagsJson(e), StoredRow.contentJson(e));
      EventBody.Parts parts = EventBody.decode(body);
      assertEquals(StoredRow.tagsJson(e), parts.tagsJson());
      assertEquals(StoredRow.contentJson(e), parts.contentJson());
    }
  }

  @Test
  void aResultEmbeddingItsRequestTakesLessThanHalf() {
    NostrEvent request = USER.sign(1_765_000_000L, 5300, List.of(List.of("param", "max_results", "48"),
        List.of("relays", "wss://relay.nostr.band", "wss://relay.damus.io")), "");
    StringBuilder content = new StringBuilder("[");
    Random random = new Random(1);
    for (int i = 0; i < 10; i++) {
      byte[] id = new byte[32];
      random.nextBytes(id);
      content.append(i == 0 ? "" : ",").append("[\"e\",\"").append(dvmdash.shared.nostr.Hex.encode(id)).append("\"]");
    }
    NostrEvent result = DVM.sign(1_765_000_005L, 6300, List.of(List.of("request", EventWriter.toJson(request)),
        List.of("e", request.id(), "wss://relay.damus.io"), List.of("p", request.pubkey())), content.append("]")
        .toString());
    String tags = StoredRow.tagsJson(result);
    String contentJson = StoredRow.contentJson(result);
    int plain = (tags + contentJson).getBytes(StandardCharsets.UTF_8).length;
    byte[] body = EventBody.encode(tags, contentJson);
    assertEquals(EventBody.DEFLATED, EventBody.format(body));
    assertTrue(body.length < plain / 2, body.length + " bytes stored for " + plain);
  }

  @Test
  void whatCompressionCannotShrinkIsKeptAsIs() {
    byte[] body = EventBody.encode("[]", "\"\"");
    assertEquals(EventBody.STORED, EventBody.format(body));
    assertEquals(5 + 4, body.length);
    assertEquals("\"\"", EventBody.decode(body).contentJson());
  }

  @Test
  void bodiesTheUpgradeWroteUncompressedAreRead() {
    byte[] tags = "[[\"k\",\"5300\"]]".getBytes(StandardCharsets.UTF_8);
    byte[] content = "\"héllo\"".getBytes(StandardCharsets.UTF_8);
    byte[] plain = new byte[tags.length + content.length];
    System.arraycopy(tags, 0, plain, 0, tags.length);
    System.arraycopy(content, 0, plain, tags.length, content.length);
    EventBody.Parts parts = EventBody.decode(EventBody.stored(EventBody.UNTRIED, tags.length, plain));
    assertEquals("[[\"k\",\"5300\"]]", parts.tagsJson());
    assertEquals("\"héllo\"", parts.contentJson());
  }

  @Test
  void aDamagedBodyIsAClearErrorNotAWrongEvent() {
    byte[] body = EventBody.encode("[[\"k\",\"5300\"]]", "\"" + "abc".repeat(100) + "\"");
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 3);
    assertThrows(IllegalArgumentException.class, () -> EventBody.decode(truncated));
    byte[] unknown = body.clone();
    unknown[0] = 9;
    assertThrows(IllegalArgumentException.class, () -> EventBody.decode(unknown));
  }

  /** Stored bodies are decompressed with this dictionary: changing it would make every stored event unreadable. */
  @Test
  void theDictionaryNeverChanges() {
    CRC32 crc = new CRC32();
    crc.update(EventBody.DICTIONARY);
    assertEquals(DICTIONARY_CRC, crc.getValue(), "EventBody.DICTIONARY changed: add a new format byte instead");
    assertArrayEquals(EventBody.DICTIONARY, EventBody.DICTIONARY.clone());
  }

  private static final long DICTIONARY_CRC = 1_042_384_361L;
}
