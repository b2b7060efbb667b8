package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventParserTest {

  private static final NostrEvent SIGNED = EventSigner.fromSeed(42)
    .sign(1700000000L, 5300, List.of(List.of("p", "ab"), List.of("param", "max_results", "10")), "hello");

  private static JsonObject valid() {
    JsonArray tags = new JsonArray();
    SIGNED.tags().forEach(t -> tags.add(new JsonArray(t)));
    return new JsonObject()
      .put("id", SIGNED.id())
      .put("pubkey", SIGNED.pubkey())
      .put("created_at", SIGNED.createdAt())
      .put("kind", SIGNED.kind())
      .put("tags", tags)
      .put("content", SIGNED.content())
      .put("sig", SIGNED.sig());
  }

  private static void assertRejected(RejectReason reason, String json) {
    InvalidEventException ex = assertThrows(InvalidEventException.class, () -> EventParser.parse(json), json);
    assertEquals(reason, ex.reason(), ex.getMessage());
  }

  private static void assertWrongTypes(JsonObject o) {
    assertRejected(RejectReason.WRONG_TYPES, o.encode());
  }

  @Test
  void validEventParsesAndVerifies() throws Exception {
    NostrEvent e = EventParser.parse(valid().encode());
    assertEquals(SIGNED, e);
    EventVerifier.verify(e);
  }

  @Test
  void unknownExtraFieldsAreAccepted() throws Exception {
    JsonObject o = valid().put("seenOn", new JsonArray().add("wss://x")).put("extra", 1);
    NostrEvent e = EventParser.parse(o.encode());
    EventVerifier.verify(e);
    assertEquals(SIGNED.id(), e.id());
  }

  @Test
  void aRepeatedKeyIsRejectedNotResolvedToTheLastValue() {
    String json = valid().encode();
    String twoKinds = json.replace("\"kind\":" + SIGNED.kind(), "\"kind\":" + SIGNED.kind() + ",\"kind\":5000");
    assertRejected(RejectReason.DUPLICATE_KEY, twoKinds);
    String nested = json.replace("\"tags\":[", "\"x\":{\"a\":1,\"a\":2},\"tags\":[");
    assertRejected(RejectReason.DUPLICATE_KEY, nested);
    assertEquals("kind", DuplicateKeys.find(twoKinds));
    assertEquals(null, DuplicateKeys.find(json));
    assertEquals(null, DuplicateKeys.find("{not json"), "malformed JSON is left to the parser");
  }

  @Test
  void createdAtMustBeAJsonInteger() {
    assertWrongTypes(valid().put("created_at", "123"));
    String json = valid().encode();
    assertRejected(RejectReason.WRONG_TYPES, json.replace("1700000000", "1.5"));
    assertRejected(RejectReason.WRONG_TYPES, json.replace("1700000000", "1700000000.0"));
    assertRejected(RejectReason.WRONG_TYPES, json.replace("1700000000", "1.7e9"));
    assertRejected(RejectReason.WRONG_TYPES, json.replace("1700000000", "99999999999999999999"));
    assertWrongTypes(valid().put("created_at", -1));
    assertWrongTypes(valid().putNull("created_at"));
  }

  @Test
  void kindMustBeInRange() throws Exception {
    assertWrongTypes(valid().put("kind", 65536));
    assertWrongTypes(valid().put("kind", -1));
    assertWrongTypes(valid().put("kind", "5300"));
    assertEquals(65535, EventParser.parse(valid().put("kind", 65535).encode()).kind());
    assertEquals(0, EventParser.parse(valid().put("kind", 0).encode()).kind());
  }

  @Test
  void tagsMustBeArraysOfStrings() {
    assertWrongTypes(valid().put("tags", new JsonArray().add(new JsonArray().add("e").addNull())));
    assertWrongTypes(valid().put("tags", new JsonArray().add(new JsonArray().add("e").add(5))));
    assertWrongTypes(valid().put("tags", new JsonArray().add("e")));
    assertWrongTypes(valid().put("tags", new JsonArray().addNull()));
    assertWrongTypes(valid().put("tags", new JsonObject()));
    assertWrongTypes(valid().put("tags", "[]"));
    assertWrongTypes(valid().putNull("tags"));
    JsonObject noTags = valid();
    noTags.remove("tags");
    assertWrongTypes(noTags);
  }

  @Test
  void hexFieldsMustBeLowercaseAndExactLength() {
    assertWrongTypes(valid().put("id", SIGNED.id().toUpperCase()));
    assertWrongTypes(valid().put("pubkey", SIGNED.pubkey().substring(1)));
    assertWrongTypes(valid().put("pubkey", SIGNED.pubkey() + "0"));
    assertWrongTypes(valid().put("sig", SIGNED.sig().substring(2)));
    assertWrongTypes(valid().put("id", "g" + SIGNED.id().substring(1)));
    assertWrongTypes(valid().put("id", 12));
  }

  @Test
  void contentMustBeAString() {
    JsonObject noContent = valid();
    noContent.remove("content");
    assertWrongTypes(noContent);
    assertWrongTypes(valid().putNull("content"));
    assertWrongTypes(valid().put("content", 5));
    assertWrongTypes(valid().put("content", new JsonObject()));
  }

  @Test
  void nonObjectsAreRejected() {
    assertRejected(RejectReason.MALFORMED_JSON, "[1,2]");
    assertRejected(RejectReason.MALFORMED_JSON, "\"event\"");
    assertRejected(RejectReason.MALFORMED_JSON, "not json");
    assertRejected(RejectReason.MALFORMED_JSON, "");
    assertRejected(RejectReason.MALFORMED_JSON, "{\"id\":");
    assertRejected(RejectReason.MALFORMED_JSON, "null");
    InvalidEventException ex = assertThrows(InvalidEventException.class,
      () -> EventParser.fromJson(new JsonArray().add(1)));
    assertEquals(RejectReason.WRONG_TYPES, ex.reason());
    assertEquals(RejectReason.WRONG_TYPES,
      assertThrows(InvalidEventException.class, () -> EventParser.fromJson("{}")).reason());
    assertEquals(RejectReason.WRONG_TYPES,
      assertThrows(InvalidEventException.class, () -> EventParser.fromJson(null)).reason());
  }

  @Test
  void loneSurrogateEscapeParsesButDoesNotVerify() throws Exception {
    String json = valid().encode().replace("\"content\":\"hello\"", "\"content\":\"hello\\ud800\"");
    NostrEvent e = EventParser.parse(json);
    assertEquals("hello\ud800", e.content());
    InvalidEventException ex = assertThrows(InvalidEventException.class, () -> EventVerifier.verify(e));
    assertEquals(RejectReason.ID_MISMATCH, ex.reason());
  }

  @Test
  void fromJsonAcceptsDecodedObjects() throws Exception {
    assertEquals(SIGNED, EventParser.fromJson(valid()));
    assertEquals(SIGNED, EventParser.fromJson(new JsonObject(valid().encode()).getMap()));
  }
}
