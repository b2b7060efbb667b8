package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisStreamEntryCodecTest {

  private static final EventSigner SIGNER = EventSigner.fromSeed(7);

  @Test
  void fullEventsAndSightingsRoundTrip() {
    NostrEvent e = SIGNER.sign(1_700_000_000L, 5300, List.of(List.of("p", "ab\"c\n"), List.of("i", "x")),
        "emoji 🎉 \u0001 \\ \"quoted\"");
    ReceivedEvent full = ReceivedEvent.of(e, "wss://relay.one", 123L);
    ReceivedEvent seen = ReceivedEvent.sighting(e.id(), "wss://relay.two", 456L);
    String entry = StreamEntryCodec.entry(List.of(StreamEntryCodec.full(full), StreamEntryCodec.sighting(seen)));
    List<ReceivedEvent> back = StreamEntryCodec.decode(entry);
    assertEquals(List.of(full, seen), back);
    assertNull(back.get(1).event());
  }

  @Test
  void foreignEntriesAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> StreamEntryCodec.decode("[{\"e\":{\"id\":\"zz\"},\"r\":\"x\",\"t\":1}]"));
    assertThrows(RuntimeException.class, () -> StreamEntryCodec.decode("not json"));
  }
}
