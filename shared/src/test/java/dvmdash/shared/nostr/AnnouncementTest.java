package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

  private static final EventSigner DVM = EventSigner.fromSeed(31990);

  @Test
  void requestKindsFromKTags() {
    NostrEvent e = DVM.sign(1, 31990, List.of(List.of("d", "feed-1"), List.of("k", "5300"), List.of("k", "5050"),
      List.of("k", "5300"), List.of("k", "6300"), List.of("k", "7000"), List.of("k", "abc"), List.of("k", " 5301"),
      List.of("k", "-5302"), List.of("k", "05303"), List.of("k", "53000"), List.of("k"), List.of("k", "5999"),
      List.of("k", "5000")), "{\"name\":\"Feeds\"}");
    assertEquals(List.of(5000, 5050, 5300, 5999), List.copyOf(Announcement.announcedKinds(e)));
    assertEquals("feed-1", Announcement.dTag(e));
  }

  @Test
  void otherKindsAnnounceNothing() {
    NostrEvent recommendation = DVM.sign(1, 31989, List.of(List.of("d", "5300"), List.of("k", "5300")), "");
    assertEquals(Set.of(), Announcement.announcedKinds(recommendation));
  }

  @Test
  void missingDTagIsEmptyString() {
    assertEquals("", Announcement.dTag(DVM.sign(1, 31990, List.of(List.of("k", "5300")), "")));
    assertEquals("", Announcement.dTag(DVM.sign(1, 31990, List.of(List.of("d")), "")));
    assertTrue(Announcement.announcedKinds(DVM.sign(1, 31990, List.of(), "")).isEmpty());
  }

  @Test
  void announcementContentIsAProfile() {
    NostrEvent e = DVM.sign(1, 31990, List.of(List.of("d", "x"), List.of("k", "5300")),
      "{\"name\":\"Trending\",\"about\":\"notes\",\"image\":\"https://i.example/t.png\",\"amount\":\"free\"}");
    assertEquals(new Profile("Trending", "notes", "https://i.example/t.png"),
      ProfileParser.parse(e.content()).orElseThrow());
  }
}
