package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnouncedRelaysTest {

  private static final EventSigner DVM = EventSigner.fromSeed(31991);

  private static NostrEvent announcement(List<List<String>> tags) {
    List<List<String>> all = new ArrayList<>(tags);
    all.add(0, List.of("d", "svc"));
    return DVM.sign(1, 31990, all, "{\"name\":\"x\"}");
  }

  @Test
  void oneTagWithSeveralRelaysInOrder() {
    NostrEvent e = announcement(List.of(List.of("relays", "wss://relay.one", "wss://relay.two/")));
    assertEquals(List.of("wss://relay.one", "wss://relay.two"), AnnouncedRelays.of(e));
  }

  @Test
  void severalTagsAndTheNamelessQuirkAreJoinedWithoutDuplicates() {
    NostrEvent e = announcement(List.of(List.of("relays", "wss://Relay.One:443/"), List.of("relays", "wss://relay.one"),
        List.of("wss://relay.two", "WSS://relay.one"), List.of("relay", "wss://not.a.relays.tag")));
    assertEquals(List.of("wss://relay.one", "wss://relay.two"), AnnouncedRelays.of(e));
  }

  @Test
  void malformedAndOtherSchemesAreSkipped() {
    NostrEvent e = announcement(List.of(List.of("relays", "https://relay.web", "relay.bare", "", "  ",
        "wss://", "ws://user:pw@relay.auth", "wss://bad host", "wss://relay.ok:99999", "wss://relay.t\tab",
        "ws://" + "a".repeat(300) + ".com", "ws://relay.plain:8080/path?x=1#frag", "wss://relay.colon:"),
        List.of("relays"), List.of()));
    assertEquals(List.of("ws://relay.plain:8080/path?x=1"), AnnouncedRelays.of(e));
  }

  @Test
  void atMostEightPerAnnouncement() {
    List<String> tag = new ArrayList<>(List.of("relays"));
    for (int i = 0; i < 12; i++) {
      tag.add("wss://r" + i + ".example");
    }
    List<String> got = AnnouncedRelays.of(announcement(List.of(tag, List.of("relays", "wss://late.example"))));
    assertEquals(AnnouncedRelays.MAX, got.size());
    assertEquals("wss://r0.example", got.get(0));
    assertEquals("wss://r7.example", got.get(7));
  }

  @Test
  void noRelaysTagMeansNone() {
    assertTrue(AnnouncedRelays.of(announcement(List.of(List.of("k", "5050")))).isEmpty());
  }

  @Test
  void normalizeKeepsPortsAndPathsAndDropsDefaults() {
    assertEquals(Optional.of("ws://127.0.0.1:7000"), AnnouncedRelays.normalize(" ws://127.0.0.1:7000/ "));
    assertEquals(Optional.of("ws://relay.x"), AnnouncedRelays.normalize("ws://relay.x:80"));
    assertEquals(Optional.of("wss://relay.x:80"), AnnouncedRelays.normalize("wss://relay.x:80"));
    assertEquals(Optional.of("wss://[::1]:7000/nostr"), AnnouncedRelays.normalize("wss://[::1]:7000/nostr"));
    for (String bad : Arrays.asList(null, "wss:relay.x", "wss://relay.x\\y", "ftp://relay.x", "wss://%zz")) {
      assertEquals(Optional.empty(), AnnouncedRelays.normalize(bad), String.valueOf(bad));
    }
  }
}
