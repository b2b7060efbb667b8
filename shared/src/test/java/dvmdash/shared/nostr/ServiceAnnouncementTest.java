package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAnnouncementTest {

  private static NostrEvent ev(int kind, List<List<String>> tags, String content) {
    return new NostrEvent("a".repeat(64), "b".repeat(64), 1_700_000_000L, kind, tags, content, "c".repeat(128));
  }

  @Test
  void nip89ReadsKTagsAndJsonContent() {
    ServiceAnnouncement a = ServiceAnnouncement.parse(ev(31990,
        List.of(List.of("d", "x"), List.of("k", "5300"), List.of("k", "05300"), List.of("name", "tag name")),
        "{\"name\":\"Feed\",\"picture\":\"p\"}")).orElseThrow();
    assertEquals(31990, a.kind());
    assertEquals("x", a.d());
    assertEquals(Set.of(5300), a.kinds());
    assertEquals(new Profile("Feed", null, "p"), a.profile());
  }

  @Test
  void serviceAnnouncementReadsFlowsAndTags() {
    ServiceAnnouncement a = ServiceAnnouncement.parse(ev(31999,
        List.of(List.of("d", "svc"), List.of("n", "DVM-01"), List.of("n", "https://spec"), List.of("k", "5302"),
            List.of("name", "Svc"), List.of("about", "ab"), List.of("picture", "pic")), "")).orElseThrow();
    assertEquals("svc", a.d());
    assertEquals(Set.of(5300, 5302), a.kinds());
    assertEquals(new Profile("Svc", "ab", "pic"), a.profile());
  }

  @Test
  void contextVmNameFromTagsElseServerInfoAndNoKinds() {
    ServiceAnnouncement tagged = ServiceAnnouncement.parse(ev(11316,
        List.of(List.of("d", "ignored"), List.of("name", "Mcp"), List.of("k", "5300")), "{}")).orElseThrow();
    assertEquals("", tagged.d());
    assertTrue(tagged.kinds().isEmpty());
    assertEquals("Mcp", tagged.profile().name());
    ServiceAnnouncement info = ServiceAnnouncement.parse(ev(11316, List.of(),
        "{\"serverInfo\":{\"name\":\"srv\",\"version\":\"1\"}}")).orElseThrow();
    assertEquals(new Profile("srv", null, null), info.profile());
    assertNull(ServiceAnnouncement.parse(ev(11316, List.of(), "not json")).orElseThrow().profile());
  }

  @Test
  void encryptedDvmAndOtherKinds() {
    ServiceAnnouncement a = ServiceAnnouncement.parse(ev(11999, List.of(List.of("k", "5050")), "docs"))
        .orElseThrow();
    assertEquals(Set.of(5050), a.kinds());
    assertNull(a.profile());
    assertTrue(ServiceAnnouncement.parse(ev(11998, List.of(), "")).isEmpty());
    assertTrue(ServiceAnnouncement.parse(ev(1999, List.of(), "")).isEmpty());
    assertEquals(EventClass.ANNOUNCEMENT, Classifier.classify(31999));
    assertEquals(EventClass.OTHER, Classifier.classify(11998));
  }
}
