package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalSerializerTest {

  private static final String PK = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

  /** The serialized form of {@code content} alone (the last element of the canonical array). */
  private static String contentJson(String content) {
    String s = CanonicalSerializer.serialize(PK, 1, 1, List.of(), content);
    String prefix = "[0,\"" + PK + "\",1,1,[],";
    assertTrue(s.startsWith(prefix) && s.endsWith("]"), s);
    return s.substring(prefix.length(), s.length() - 1);
  }

  private static String sha256Hex(String s) throws Exception {
    return Hex.encode(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shortEscapes() {
    assertEquals("\"a\\nb\"", contentJson("a\nb"));
    assertEquals("\"a\\\"b\"", contentJson("a\"b"));
    assertEquals("\"a\\\\b\"", contentJson("a\\b"));
    assertEquals("\"a\\rb\"", contentJson("a\rb"));
    assertEquals("\"a\\tb\"", contentJson("a\tb"));
    assertEquals("\"a\\bb\"", contentJson("a\bb"));
    assertEquals("\"a\\fb\"", contentJson("a\fb"));
  }

  @Test
  void otherControlCharactersUseLowercaseUnicodeEscapes() {
    assertEquals("\"\\u0000\"", contentJson("\u0000"));
    assertEquals("\"\\u0001\"", contentJson("\u0001"));
    assertEquals("\"\\u000b\"", contentJson("\u000b"));
    assertEquals("\"\\u000e\"", contentJson("\u000e"));
    assertEquals("\"\\u001b\"", contentJson("\u001b"));
    assertEquals("\"\\u001f\"", contentJson("\u001f"));
    for (char c = 0; c < 0x20; c++) {
      String json = contentJson(String.valueOf(c));
      assertFalse(json.chars().anyMatch(ch -> ch < 0x20), "raw control char " + (int) c + " in " + json);
      assertEquals(json.toLowerCase(), json, "uppercase hex for control char " + (int) c);
    }
  }

  @Test
  void verbatimCharacters() {
    assertEquals("\"\u007f\"", contentJson("\u007f"));
    assertEquals("\"\u2028\u2029\"", contentJson("\u2028\u2029"));
    assertEquals("\"a/b</script>\"", contentJson("a/b</script>"));
    assertEquals("\"héllo 日本語 Ж\"", contentJson("héllo 日本語 Ж"));
    assertEquals("\"👍😀\"", contentJson("👍😀"));
    assertEquals("\"\"", contentJson(""));
  }

  @Test
  void wholeSerializationWithTags() {
    List<List<String>> tags = List.of(List.of("e", "abc", "wss://r.example/"), List.of("t", "x\ny"),
      List.of("encrypted"));
    String expected = "[0,\"" + PK + "\",1700000000,5300,[[\"e\",\"abc\",\"wss://r.example/\"],[\"t\",\"x\\ny\"],"
      + "[\"encrypted\"]],\"q\\\"\"]";
    assertEquals(expected, CanonicalSerializer.serialize(PK, 1700000000L, 5300, tags, "q\""));
    assertEquals("[0,\"" + PK + "\",0,0,[],\"\"]", CanonicalSerializer.serialize(PK, 0, 0, List.of(), ""));
    assertEquals("[0,\"" + PK + "\",1,65535,[[]],\"\"]",
      CanonicalSerializer.serialize(PK, 1, 65535, List.of(List.of()), ""));
  }

  @Test
  void idIsSha256OfHandWrittenString() throws Exception {
    List<List<String>> tags = List.of(List.of("p", "x\u001by"), List.of("alt", "é👍/"));
    String content = "line1\nline2\t\"quoted\" \\ \u0000 \u007f \u2028";
    String handWritten = "[0,\"" + PK + "\",1712345678,7000,[[\"p\",\"x\\u001by\"],[\"alt\",\"é👍/\"]],"
      + "\"line1\\nline2\\t\\\"quoted\\\" \\\\ \\u0000 \u007f \u2028\"]";
    assertEquals(sha256Hex(handWritten), CanonicalSerializer.computeId(PK, 1712345678L, 7000, tags, content));
    assertEquals(sha256Hex("[0,\"" + PK + "\",1,1,[],\"\"]"), CanonicalSerializer.computeId(PK, 1, 1, List.of(), ""));
  }

  @Test
  void loneSurrogatesHaveNoId() {
    assertNull(CanonicalSerializer.idBytes(PK, 1, 1, List.of(), "a\ud800"));
    assertNull(CanonicalSerializer.idBytes(PK, 1, 1, List.of(), "\ud800b"));
    assertNull(CanonicalSerializer.idBytes(PK, 1, 1, List.of(), "\udc00"));
    assertNull(CanonicalSerializer.idBytes(PK, 1, 1, List.of(), "\ude00\ud83d"));
    assertNull(CanonicalSerializer.idBytes(PK, 1, 1, List.of(List.of("t", "\udfff")), ""));
    assertNull(CanonicalSerializer.computeId(PK, 1, 1, List.of(), "\ud800"));
    assertNotNull(CanonicalSerializer.idBytes(PK, 1, 1, List.of(), "\ud83d\ude00"));
    assertEquals(32, CanonicalSerializer.idBytes(PK, 1, 1, List.of(), "\ud83d\ude00").length);
  }

  @Test
  void wireEscapesDoNotChangeTheId() throws Exception {
    EventSigner signer = EventSigner.fromSeed(7);
    String content = "esc\u001b é/\u2028 👍 \"q\" \\";
    NostrEvent signed = signer.sign(1700000000L, 5050, List.of(List.of("i", "a\tb", "text")), content);
    String wire = "{\"id\":\"" + signed.id() + "\",\"pubkey\":\"" + signed.pubkey() + "\",\"created_at\":1700000000,"
      + "\"kind\":5050,\"tags\":[[\"i\",\"a\\u0009b\",\"text\"]],"
      + "\"content\":\"esc\\u001B \\u00e9\\/\\u2028 \\ud83d\\udc4d \\\"q\\\" \\\\\",\"sig\":\"" + signed.sig() + "\"}";
    NostrEvent parsed = EventParser.parse(wire);
    assertEquals(content, parsed.content());
    EventVerifier.verify(parsed);
    NostrEvent viaJackson = EventParser.parse(new JsonObject()
      .put("id", signed.id())
      .put("pubkey", signed.pubkey())
      .put("created_at", signed.createdAt())
      .put("kind", signed.kind())
      .put("tags", new JsonArray().add(new JsonArray(signed.tags().get(0))))
      .put("content", signed.content())
      .put("sig", signed.sig())
      .encode());
    EventVerifier.verify(viaJackson);
  }

  @Test
  void nonAsciiFixtureEventsRehash() throws Exception {
    int checked = 0;
    for (NostrEvent e : FixtureEvents.events()) {
      if (e.content().chars().anyMatch(c -> c > 0x7e || c < 0x20)) {
        assertEquals(e.id(), CanonicalSerializer.computeId(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content()));
        checked++;
      }
    }
    assertTrue(checked >= 4, "fixture events with emoji, newlines or other non-ASCII content: " + checked);
  }
}
