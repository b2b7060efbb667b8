package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {

  private static final EventSigner S = EventSigner.fromSeed(5);
  private static final String REQ = "0123456789abcdef".repeat(4);

  private static NostrEvent event(int kind, List<List<String>> tags) {
    return S.sign(1700000000L, kind, tags, "");
  }

  @Test
  void classBoundaries() {
    assertEquals(EventClass.OTHER, Classifier.classify(4999));
    assertEquals(EventClass.REQUEST, Classifier.classify(5000));
    assertEquals(EventClass.REQUEST, Classifier.classify(5999));
    assertEquals(EventClass.RESULT, Classifier.classify(6000));
    assertEquals(EventClass.RESULT, Classifier.classify(6999));
    assertEquals(EventClass.FEEDBACK, Classifier.classify(7000));
    assertEquals(EventClass.OTHER, Classifier.classify(7001));
    assertEquals(EventClass.OTHER, Classifier.classify(7007));
    assertEquals(EventClass.ANNOUNCEMENT, Classifier.classify(31990));
    assertEquals(EventClass.OTHER, Classifier.classify(31989));
    assertEquals(EventClass.PROFILE, Classifier.classify(0));
    assertEquals(EventClass.ZAP, Classifier.classify(9735));
    assertEquals(EventClass.OTHER, Classifier.classify(9734));
    assertEquals(EventClass.OTHER, Classifier.classify(65001));
    assertEquals(EventClass.OTHER, Classifier.classify(1));
  }

  @Test
  void requestKindOf() {
    assertEquals(5300, Classifier.requestKindOf(event(5300, List.of())));
    assertEquals(5300, Classifier.requestKindOf(event(6300, List.of())));
    assertEquals(5999, Classifier.requestKindOf(event(6999, List.of())));
    assertEquals(-1, Classifier.requestKindOf(event(7000, List.of(List.of("e", REQ)))));
    assertEquals(-1, Classifier.requestKindOf(event(1, List.of())));
  }

  @Test
  void requestRefIsTheFirstETagWhenItIsAnId() {
    assertEquals(REQ, Classifier.requestRef(event(6300, List.of(List.of("p", "x"), List.of("e", REQ, "wss://r")))));
    assertEquals(REQ, Classifier.requestRef(event(7000, List.of(List.of("e", REQ), List.of("e", "b".repeat(64))))));
    assertNull(Classifier.requestRef(event(6300, List.of(List.of("e", REQ.toUpperCase())))));
    assertNull(Classifier.requestRef(event(6300, List.of(List.of("e", REQ.substring(1))))));
    assertNull(Classifier.requestRef(event(6300, List.of(List.of("e")))));
    assertNull(Classifier.requestRef(event(6300, List.of(List.of("request", "{}")))));
    assertNull(Classifier.requestRef(event(6300, List.of(List.of("e", "note1xyz"), List.of("e", REQ)))),
      "only the first e tag counts");
  }

  @Test
  void feedbackStatus() {
    assertEquals("payment-required", Classifier.feedbackStatus(event(7000, List.of(
      List.of("status", "payment-required", ""), List.of("amount", "1000"), List.of("status", "processing")))));
    assertEquals("pong", Classifier.feedbackStatus(event(7000, List.of(List.of("status", "pong")))));
    assertNull(Classifier.feedbackStatus(event(7000, List.of(List.of("e", REQ), List.of("encrypted")))));
  }

  @Test
  void encryptedFlag() {
    assertTrue(Classifier.isEncrypted(event(5300, List.of(List.of("p", "x"), List.of("encrypted")))));
    assertFalse(Classifier.isEncrypted(event(5300, List.of(List.of("p", "x")))));
    assertFalse(Classifier.isEncrypted(event(5300, List.of(List.of("t", "encrypted")))));
  }
}
