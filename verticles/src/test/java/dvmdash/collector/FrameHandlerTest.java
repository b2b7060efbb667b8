package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.RejectReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameHandlerTest {

  static final String R1 = "wss://one.example";
  static final String R2 = "wss://two.example";
  static final long NOW_S = 1_750_000_000L;
  static final long NOW_MS = NOW_S * 1000;
  static final EventSigner SIGNER = EventSigner.fromSeed(42);

  FrameHandler handler;

  @BeforeEach
  void setUp() {
    CollectorConfig cfg = CollectorConfig.fromJson(new JsonObject()
        .put("relays", new JsonArray().add(R1).add(R2))
        .put("max_event_bytes", 4096)
        .put("dedup_capacity", 100));
    handler = new FrameHandler(cfg, SubscriptionPlan.initial(cfg.excludedKinds(), 1000).kindSet());
  }

  static JsonObject json(NostrEvent e) {
    return new JsonObject()
        .put("id", e.id())
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("kind", e.kind())
        .put("tags", new JsonArray(e.tags().stream().map(t -> (Object) new JsonArray(List.copyOf(t))).toList()))
        .put("content", e.content())
        .put("sig", e.sig());
  }

  static String frame(JsonObject ev) {
    return new JsonArray().add("EVENT").add("dvm").add(ev).encode();
  }

  static NostrEvent request(int kind, String content) {
    return SIGNER.sign(NOW_S - 10, kind, List.of(List.of("i", "hello", "text")), content);
  }

  Outcome handle(String relay, String text) {
    return handler.handle(relay, text, NOW_MS);
  }

  void assertRejected(RejectReason reason, Outcome o) {
    assertEquals(Outcome.Type.REJECTED, o.type(), () -> "expected rejection, got " + o);
    assertEquals(reason, o.reason());
    assertEquals(1, handler.stats(R1).invalid(reason));
  }

  @Test
  void acceptsValidSignedEvent() {
    NostrEvent e = request(5300, "");
    Outcome o = handle(R1, frame(json(e)));
    assertEquals(Outcome.Type.ACCEPTED, o.type());
    assertEquals("dvm", o.subId());
    assertEquals(e, o.received().event());
    assertEquals(R1, o.received().relay());
    assertEquals(NOW_MS, o.received().receivedAtMillis());
    assertEquals(1, handler.stats(R1).events());
    assertEquals(0, handler.stats(R1).invalid());
  }

  @Test
  void acceptsKind6999AndKind0() {
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, frame(json(request(6999, "r")))).type());
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, frame(json(SIGNER.sign(NOW_S, 0, List.of(), "{}")))).type());
  }

  @Test
  void oversizedFrameRejectedBeforeParsing() {
    String big = "[\"EVENT\",\"dvm\",{\"content\":\"" + "é".repeat(2100) + "\"}]";
    assertTrue(big.length() < 4096, "fits in chars, not in UTF-8 bytes");
    assertRejected(RejectReason.OVERSIZED, handle(R1, big));
    assertRejected(RejectReason.OVERSIZED, handle(R2, "x".repeat(5000)));
  }

  @Test
  void malformedJson() {
    assertRejected(RejectReason.MALFORMED_JSON, handle(R1, "[\"EVENT\",\"dvm\",{"));
    assertEquals(RejectReason.MALFORMED_JSON, handle(R1, "{\"a\":1}").reason());
    assertEquals(RejectReason.MALFORMED_JSON, handle(R1, "[\"EVENT\",\"dvm\"]").reason());
    assertEquals(RejectReason.MALFORMED_JSON, handle(R1, "[]").reason());
    assertEquals(RejectReason.MALFORMED_JSON, handle(R1, "[42]").reason());
    assertEquals(5, handler.stats(R1).invalid(RejectReason.MALFORMED_JSON));
  }

  @Test
  void wrongTypes() {
    JsonObject ev = json(request(5300, "")).put("created_at", "1700000000");
    assertRejected(RejectReason.WRONG_TYPES, handle(R1, frame(ev)));
  }

  @Test
  void idMismatchWhenContentAltered() {
    JsonObject ev = json(request(5300, "original")).put("content", "altered");
    assertRejected(RejectReason.ID_MISMATCH, handle(R1, frame(ev)));
  }

  @Test
  void badSignature() {
    NostrEvent e = request(5300, "");
    NostrEvent other = request(5300, "other");
    JsonObject ev = json(e).put("sig", other.sig());
    assertRejected(RejectReason.BAD_SIGNATURE, handle(R1, frame(ev)));
  }

  @Test
  void futureTimestamp() {
    NostrEvent e = SIGNER.sign(NOW_S + 901, 5300, List.of(), "");
    assertRejected(RejectReason.FUTURE_TIMESTAMP, handle(R1, frame(json(e))));
    NostrEvent ok = SIGNER.sign(NOW_S + 900, 5300, List.of(), "");
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, frame(json(ok))).type());
  }

  @Test
  void aFrameRepeatingAKeyIsRejectedAndCountedAsDuplicateKey() {
    NostrEvent e = request(5300, "");
    String text = frame(json(e));
    String twoKinds = text.replace("\"kind\":5300", "\"kind\":1,\"kind\":5300");
    assertRejected(RejectReason.DUPLICATE_KEY, handle(R1, twoKinds));
    assertEquals(0, handler.stats(R1).events());
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, text).type(), "the real event is not blocked by the forged copy");
  }

  @Test
  void eventsDatedBeforeNostrExistedAreRejectedAndCounted() {
    for (long at : new long[] {0L, 1L, 31_536_000L, CollectorConfig.DEFAULT_MIN_CREATED_AT - 1}) {
      Outcome o = handle(R1, frame(json(SIGNER.sign(at, 5300, List.of(), "old " + at))));
      assertEquals(Outcome.Type.REJECTED, o.type(), "created_at " + at);
      assertEquals(RejectReason.TOO_OLD, o.reason());
    }
    assertEquals(4, handler.stats(R1).invalid(RejectReason.TOO_OLD));
    assertEquals(0, handler.stats(R1).events());
    NostrEvent first = SIGNER.sign(CollectorConfig.DEFAULT_MIN_CREATED_AT, 5300, List.of(), "");
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, frame(json(first))).type(), "the floor itself is accepted");
  }

  @Test
  void excludedKind() {
    assertRejected(RejectReason.EXCLUDED_KIND, handle(R1, frame(json(request(6969, "")))));
  }

  @Test
  void unexpectedKind() {
    assertRejected(RejectReason.UNEXPECTED_KIND, handle(R1, frame(json(request(1, "note")))));
  }

  @Test
  void duplicateFromSameRelayHasNoSighting() {
    String f = frame(json(request(5300, "")));
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, f).type());
    Outcome dup = handle(R1, f);
    assertEquals(Outcome.Type.DUPLICATE, dup.type());
    assertNull(dup.received());
    assertEquals(1, handler.stats(R1).duplicates());
    assertEquals(1, handler.stats(R1).events());
  }

  @Test
  void duplicateFromSecondRelayYieldsOneSighting() {
    NostrEvent e = request(5300, "");
    String f = frame(json(e));
    assertEquals(Outcome.Type.ACCEPTED, handle(R1, f).type());
    Outcome first = handle(R2, f);
    assertEquals(Outcome.Type.DUPLICATE, first.type());
    assertNotNull(first.received());
    assertTrue(first.received().isSighting());
    assertEquals(e.id(), first.received().eventId());
    assertEquals(R2, first.received().relay());
    assertNull(handle(R2, f).received(), "second copy from the same relay is no new sighting");
    assertEquals(2, handler.stats(R2).duplicates());
    assertEquals(0b11, handler.dedup().relayMask(e.id()));
  }

  @Test
  void forgedCopyFirstDoesNotBlockRealEvent() {
    NostrEvent real = request(5300, "real");
    JsonObject forged = json(real).put("content", "forged");
    assertEquals(RejectReason.ID_MISMATCH, handle(R2, frame(forged)).reason());
    assertFalse(handler.dedup().contains(real.id()));
    Outcome o = handle(R1, frame(json(real)));
    assertEquals(Outcome.Type.ACCEPTED, o.type());
    assertEquals("real", o.received().event().content());
  }

  @Test
  void controlFramesReported() {
    assertEquals(new Outcome(Outcome.Type.EOSE, "dvm", null, null, null), handle(R1, "[\"EOSE\",\"dvm\"]"));
    Outcome closed = handle(R1, "[\"CLOSED\",\"dvm\",\"error: too many kinds\"]");
    assertEquals(Outcome.Type.CLOSED, closed.type());
    assertEquals("dvm", closed.subId());
    assertEquals("error: too many kinds", closed.message());
    Outcome notice = handle(R1, "[\"NOTICE\",\"filter too large\"]");
    assertEquals(Outcome.Type.NOTICE, notice.type());
    assertEquals("filter too large", notice.message());
    assertEquals(Outcome.Type.OK, handle(R1, "[\"OK\",\"ab\",true,\"\"]").type());
    assertEquals(Outcome.Type.AUTH, handle(R1, "[\"AUTH\",\"challenge\"]").type());
    assertEquals(Outcome.Type.IGNORED, handle(R1, "[\"COUNT\",\"x\",{\"count\":1}]").type());
    assertEquals(0, handler.stats(R1).invalid());
  }

  @Test
  void neverThrowsOnNull() {
    assertEquals(RejectReason.MALFORMED_JSON, handle(R1, null).reason());
  }

  @Test
  void utf8SizeCountsSurrogatePairs() {
    assertFalse(FrameHandler.utf8Exceeds("😀", 4));
    assertTrue(FrameHandler.utf8Exceeds("😀", 3));
    assertTrue(FrameHandler.utf8Exceeds("éé", 3));
    assertFalse(FrameHandler.utf8Exceeds("abc", 3));
  }
}
