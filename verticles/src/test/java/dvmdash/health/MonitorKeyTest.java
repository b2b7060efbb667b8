package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.Bech32;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Hex;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MonitorKeyTest {

  private static final String HEX = "01".repeat(32);

  private static JsonObject cfg(String key) {
    return new JsonObject().put("health", new JsonObject().put("monitor_key", key));
  }

  @Test
  void offWithoutAKeyConfigElseEnvHexOrNsec() {
    assertTrue(MonitorKey.fromConfig(new JsonObject(), null).isEmpty());
    assertTrue(MonitorKey.fromConfig(cfg(" "), "").isEmpty());
    String pub = new EventSigner(Hex.decode(HEX)).pubkey();
    assertEquals(pub, MonitorKey.fromConfig(cfg(HEX), null).orElseThrow().pubkey());
    assertEquals(pub, MonitorKey.fromConfig(new JsonObject(), HEX).orElseThrow().pubkey());
    String nsec = Bech32.encode("nsec", Hex.decode(HEX));
    assertEquals(pub, MonitorKey.fromConfig(cfg(nsec), null).orElseThrow().pubkey());
  }

  @Test
  void aBadKeyIsRefusedWithoutEchoingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MonitorKey.fromConfig(cfg("secret-value-123"), null));
    assertFalse(e.getMessage().contains("secret-value-123"));
    assertThrows(IllegalArgumentException.class,
        () -> MonitorKey.fromConfig(cfg(Bech32.encode("npub", Hex.decode(HEX))), null));
  }
}
