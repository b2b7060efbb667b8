package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NIP-44 v2 against the official test vectors (src/test/resources/nip44.vectors.json, copied from paulmillr/nip44;
 * the file names the commit): every valid and invalid case of the file.
 */
class Nip44Test {

  private static JsonObject valid;
  private static JsonObject invalid;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = Nip44Test.class.getResourceAsStream("/nip44.vectors.json")) {
      JsonObject v2 = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("v2");
      valid = v2.getJsonObject("valid");
      invalid = v2.getJsonObject("invalid");
    }
  }

  private static byte[] hex(String s) {
    return Hex.decode(s);
  }

  @Test
  void conversationKeys() {
    JsonArray cases = valid.getJsonArray("get_conversation_key");
    assertEquals(35, cases.size());
    for (int i = 0; i < cases.size(); i++) {
      JsonObject c = cases.getJsonObject(i);
      assertEquals(c.getString("conversation_key"),
          Hex.encode(Nip44.conversationKey(hex(c.getString("sec1")), c.getString("pub2"))), c.encode());
    }
  }

  @Test
  void messageKeys() {
    JsonObject m = valid.getJsonObject("get_message_keys");
    byte[] ck = hex(m.getString("conversation_key"));
    JsonArray keys = m.getJsonArray("keys");
    assertTrue(keys.size() > 0);
    for (int i = 0; i < keys.size(); i++) {
      JsonObject k = keys.getJsonObject(i);
      Nip44.MessageKeys got = Nip44.messageKeys(ck, hex(k.getString("nonce")));
      assertEquals(k.getString("chacha_key"), Hex.encode(got.chachaKey()));
      assertEquals(k.getString("chacha_nonce"), Hex.encode(got.chachaNonce()));
      assertEquals(k.getString("hmac_key"), Hex.encode(got.hmacKey()));
    }
  }

  @Test
  void paddedLengths() {
    JsonArray cases = valid.getJsonArray("calc_padded_len");
    for (int i = 0; i < cases.size(); i++) {
      JsonArray c = cases.getJsonArray(i);
      assertEquals(c.getInteger(1), Nip44.paddedLength(c.getInteger(0)), "length " + c.getInteger(0));
    }
  }

  @Test
  void encryptAndDecrypt() {
    JsonArray cases = valid.getJsonArray("encrypt_decrypt");
    for (int i = 0; i < cases.size(); i++) {
      JsonObject c = cases.getJsonObject(i);
      byte[] ck = Nip44.conversationKey(hex(c.getString("sec1")),
          new EventSigner(hex(c.getString("sec2"))).pubkey());
      assertEquals(c.getString("conversation_key"), Hex.encode(ck));
      // symmetric: the other side derives the same key
      assertArrayEquals(ck, Nip44.conversationKey(hex(c.getString("sec2")),
          new EventSigner(hex(c.getString("sec1"))).pubkey()));
      String payload = Nip44.encrypt(c.getString("plaintext"), ck, hex(c.getString("nonce")));
      assertEquals(c.getString("payload"), payload);
      assertEquals(c.getString("plaintext"), Nip44.decrypt(payload, ck));
    }
  }

  @Test
  void longMessages() throws Exception {
    JsonArray cases = valid.getJsonArray("encrypt_decrypt_long_msg");
    for (int i = 0; i < cases.size(); i++) {
      JsonObject c = cases.getJsonObject(i);
      String plaintext = c.getString("pattern").repeat(c.getInteger("repeat"));
      assertEquals(c.getString("plaintext_sha256"), sha256(plaintext));
      byte[] ck = hex(c.getString("conversation_key"));
      String payload = Nip44.encrypt(plaintext, ck, hex(c.getString("nonce")));
      assertEquals(c.getString("payload_sha256"), sha256(payload));
      assertEquals(plaintext, Nip44.decrypt(payload, ck));
    }
  }

  @Test
  void invalidLengthsKeysAndPayloadsAreRefused() {
    JsonArray lengths = invalid.getJsonArray("encrypt_msg_lengths");
    for (int i = 0; i < lengths.size(); i++) {
      int n = lengths.getInteger(i);
      assertThrows(IllegalArgumentException.class, () -> Nip44.encrypt("x".repeat(n), new byte[32]), "length " + n);
    }
    JsonArray keys = invalid.getJsonArray("get_conversation_key");
    for (int i = 0; i < keys.size(); i++) {
      JsonObject c = keys.getJsonObject(i);
      assertThrows(IllegalArgumentException.class,
          () -> Nip44.conversationKey(hex(c.getString("sec1")), c.getString("pub2")), c.getString("note"));
    }
    JsonArray payloads = invalid.getJsonArray("decrypt");
    assertEquals(12, payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      JsonObject c = payloads.getJsonObject(i);
      assertThrows(IllegalArgumentException.class,
          () -> Nip44.decrypt(c.getString("payload"), hex(c.getString("conversation_key"))), c.getString("note"));
    }
  }

  @Test
  void aRandomNonceEveryTime() {
    byte[] ck = Nip44.conversationKey(hex("01".repeat(32)), new EventSigner(hex("02".repeat(32))).pubkey());
    String a = Nip44.encrypt("hello", ck);
    assertNotEquals(a, Nip44.encrypt("hello", ck));
    assertEquals("hello", Nip44.decrypt(a, ck));
  }

  private static String sha256(String s) throws Exception {
    return Hex.encode(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
