package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks parsing, id, signature and classification against 60 real signed events (skipped without the file). */
class RealEventsTest {

  @Test
  void allSixtyParseAndVerify() throws Exception {
    List<String> lines = FixtureEvents.lines();
    assertEquals(60, lines.size(), "fixture line count");
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      NostrEvent e = EventParser.parse(line);
      try {
        EventVerifier.verify(e);
      } catch (InvalidEventException ex) {
        fail("event " + e.id() + " kind " + e.kind() + " rejected: " + ex.reason());
      }
      assertEquals(e.id(), CanonicalSerializer.computeId(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content()));
      ids.add(e.id());
    }
    assertEquals(60, ids.size(), "ids are distinct");
  }

  @Test
  void classificationCounts() throws Exception {
    Map<EventClass, Integer> counts = new EnumMap<>(EventClass.class);
    for (NostrEvent e : FixtureEvents.events()) {
      counts.merge(Classifier.classify(e.kind()), 1, Integer::sum);
      if (Classifier.classify(e.kind()) == EventClass.OTHER) {
        assertEquals(30818, e.kind(), "the only OTHER event is the wiki article");
      }
    }
    assertEquals(23, counts.get(EventClass.REQUEST));
    assertEquals(20, counts.get(EventClass.RESULT));
    assertEquals(16, counts.get(EventClass.FEEDBACK));
    assertEquals(1, counts.get(EventClass.OTHER));
    assertEquals(4, counts.size(), "no other classes: " + counts);
  }

  @Test
  void alteredContentIsAnIdMismatch() throws Exception {
    NostrEvent real = FixtureEvents.events().get(0);
    NostrEvent altered = new NostrEvent(real.id(), real.pubkey(), real.createdAt(), real.kind(), real.tags(),
      real.content() + " ", real.sig());
    InvalidEventException ex = assertThrows(InvalidEventException.class, () -> EventVerifier.verify(altered));
    assertEquals(RejectReason.ID_MISMATCH, ex.reason());
  }

  @Test
  void alteredTagIsAnIdMismatch() throws Exception {
    NostrEvent real = FixtureEvents.events().stream()
      .filter(e -> e.kind() == 7000 && e.tagValue("status") != null)
      .findFirst()
      .orElseThrow();
    List<List<String>> tags = real.tags().stream()
      .map(t -> t.get(0).equals("status") ? List.of("status", "tampered") : t)
      .toList();
    NostrEvent altered = new NostrEvent(real.id(), real.pubkey(), real.createdAt(), real.kind(), tags,
      real.content(), real.sig());
    InvalidEventException ex = assertThrows(InvalidEventException.class, () -> EventVerifier.verify(altered));
    assertEquals(RejectReason.ID_MISMATCH, ex.reason());
  }

  @Test
  void alteredSignatureIsBadSignature() throws Exception {
    for (NostrEvent real : FixtureEvents.events().subList(0, 5)) {
      char[] sig = real.sig().toCharArray();
      sig[100] = sig[100] == '0' ? '1' : '0';
      NostrEvent altered = new NostrEvent(real.id(), real.pubkey(), real.createdAt(), real.kind(), real.tags(),
        real.content(), new String(sig));
      InvalidEventException ex = assertThrows(InvalidEventException.class, () -> EventVerifier.verify(altered));
      assertEquals(RejectReason.BAD_SIGNATURE, ex.reason());
    }
  }

  @Test
  void anotherAuthorsPubkeyIsAnIdMismatch() throws Exception {
    List<NostrEvent> events = FixtureEvents.events();
    NostrEvent a = events.get(0);
    NostrEvent b = events.stream().filter(e -> !e.pubkey().equals(a.pubkey())).findFirst().orElseThrow();
    NostrEvent forged = new NostrEvent(a.id(), b.pubkey(), a.createdAt(), a.kind(), a.tags(), a.content(), a.sig());
    InvalidEventException ex = assertThrows(InvalidEventException.class, () -> EventVerifier.verify(forged));
    assertEquals(RejectReason.ID_MISMATCH, ex.reason());
  }

  @Test
  void resultsAndFeedbackResolveTheirRequests() throws Exception {
    List<NostrEvent> events = FixtureEvents.events();
    Map<String, NostrEvent> requests = new HashMap<>();
    for (NostrEvent e : events) {
      if (Classifier.classify(e.kind()) == EventClass.REQUEST) {
        requests.put(e.id(), e);
      }
    }
    int results = 0;
    int feedback = 0;
    for (NostrEvent e : events) {
      String ref = Classifier.requestRef(e);
      NostrEvent request = ref == null ? null : requests.get(ref);
      if (request == null) {
        continue;
      }
      EventClass c = Classifier.classify(e.kind());
      if (c == EventClass.RESULT) {
        results++;
        assertEquals(request.kind(), Classifier.requestKindOf(e), "result kind = request kind + 1000 for " + e.id());
      } else if (c == EventClass.FEEDBACK) {
        feedback++;
        assertNotNull(Classifier.feedbackStatus(e), "linked feedback has a status");
      } else {
        fail("unexpected event referencing a request: kind " + e.kind());
      }
    }
    assertEquals(7, results, "results linked to a request in the file");
    assertEquals(1, feedback, "feedback linked to a request in the file");
  }

  @Test
  void encryptedEventsAreFlagged() throws Exception {
    long encrypted = FixtureEvents.events().stream().filter(Classifier::isEncrypted).count();
    assertTrue(encrypted >= 2, "the fixture holds NIP-04 and NIP-44 encrypted jobs, found " + encrypted);
    for (NostrEvent e : FixtureEvents.events()) {
      if (Classifier.isEncrypted(e) && Classifier.classify(e.kind()) == EventClass.REQUEST) {
        assertNotEquals("", e.content(), "an encrypted request carries its inputs in content: " + e.id());
      }
    }
  }

  @Test
  void amountTagsMatchTheirInvoices() throws Exception {
    int checked = 0;
    int junk = 0;
    for (NostrEvent e : FixtureEvents.events()) {
      List<String> amount = e.tag("amount");
      if (amount == null) {
        continue;
      }
      OptionalLong msat = Amounts.amountMsat(e);
      if (amount.size() > 2 && amount.get(2).startsWith("lnbc")) {
        assertEquals(msat, Bolt11.amountMsat(amount.get(2)), "amount tag vs invoice in " + e.id());
        checked++;
      }
      if (amount.get(1).contains("_")) {
        assertTrue(msat.isEmpty(), "underscore amount is junk");
        assertTrue(Bolt11.amountMsat(amount.get(2)).isEmpty(), "a Lightning address is not an invoice");
        junk++;
      }
    }
    assertEquals(2, checked, "events with an amount and a bolt11 invoice");
    assertEquals(3, junk, "events with amount 100_000 and a Lightning address");
  }
}
