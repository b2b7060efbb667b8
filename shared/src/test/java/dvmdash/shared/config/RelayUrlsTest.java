package dvmdash.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayUrlsTest {

  @Test
  void plainUrlsStayAsTheyAre() {
    assertEquals("wss://relay.damus.io", RelayUrls.redact("wss://relay.damus.io"));
    assertEquals("ws://127.0.0.1:7777/path/", RelayUrls.redact("ws://127.0.0.1:7777/path/"));
    assertFalse(RelayUrls.hasSecrets("wss://nos.lol/"));
  }

  @Test
  void userinfoAndQueryValuesAreMasked() {
    String url = "wss://alice:s3cret@relay.example:443/inbox?token=abc123&x=1#frag";
    String shown = RelayUrls.redact(url);
    assertEquals("wss://***@relay.example:443/inbox?token=***&x=***#***", shown);
    assertFalse(shown.contains("s3cret"));
    assertFalse(shown.contains("alice"));
    assertFalse(shown.contains("abc123"));
    assertTrue(RelayUrls.hasSecrets(url));
  }

  @Test
  void bareQueryTokenIsMasked() {
    assertEquals("wss://relay.example/?***", RelayUrls.redact("wss://relay.example/?deadbeef"));
  }
}
