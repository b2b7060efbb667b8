package dvmdash.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

  static JsonObject minimal() {
    return new JsonObject().put("relays", new JsonArray().add("wss://relay.damus.io").add("ws://127.0.0.1:7777"));
  }

  @Test
  void defaults() {
    CollectorConfig c = CollectorConfig.fromJson(minimal());
    assertEquals(List.of("wss://relay.damus.io", "ws://127.0.0.1:7777"), c.relays());
    assertEquals(Set.of(5666, 6666, 5969, 6969), c.excludedKinds());
    assertEquals(524_288, c.maxEventBytes());
    assertEquals(900, c.futureToleranceSeconds());
    assertEquals(500_000, c.dedupCapacity());
    assertEquals(20_000, c.maxInFlightEvents());
    assertEquals(256, c.batchEvents());
    assertEquals(20, c.batchMillis());
    assertEquals(1000, c.kindsPerFilter());
    assertEquals(15_000, c.eoseTimeoutMillis());
    assertEquals(1000, c.backoffMinMillis());
    assertEquals(300_000, c.backoffMaxMillis());
    assertEquals(600, c.resumeSkewSeconds());
    assertEquals("data/relay-cursors.json", c.cursorFile(), "the name the launcher and the docs use");
    assertEquals(1_604_707_200L, c.minCreatedAt(), "2020-11-07T00:00:00Z");
    assertEquals(60_000L, c.healthyResetMillis());
  }

  @Test
  void overrides() {
    CollectorConfig c = CollectorConfig.fromJson(minimal()
        .put("excluded_kinds", new JsonArray().add(5555))
        .put("max_event_bytes", 2048)
        .put("kinds_per_filter", 200)
        .put("cursor_file", "/tmp/x.json")
        .put("backoff_max_millis", 5000L));
    assertEquals(Set.of(5555), c.excludedKinds());
    assertEquals(2048, c.maxEventBytes());
    assertEquals(200, c.kindsPerFilter());
    assertEquals("/tmp/x.json", c.cursorFile());
    assertEquals(5000, c.backoffMaxMillis());
  }

  @Test
  void clearErrors() {
    assertMessage("relays", new JsonObject());
    assertMessage("ws:// or wss://", new JsonObject().put("relays", new JsonArray().add("https://x.example")));
    assertMessage("duplicate", new JsonObject().put("relays", new JsonArray().add("wss://a.b").add("wss://a.b")));
    assertMessage("relays", new JsonObject().put("relays", "wss://a.b"));
    assertMessage("kinds_per_filter", minimal().put("kinds_per_filter", 10));
    assertMessage("max_event_bytes", minimal().put("max_event_bytes", "big"));
    assertMessage("excluded_kinds", minimal().put("excluded_kinds", new JsonArray().add(70000)));
    assertMessage("backoff_max_millis", minimal().put("backoff_min_millis", 5000).put("backoff_max_millis", 10));
    assertMessage("cursor_file", minimal().put("cursor_file", " "));
    JsonArray many = new JsonArray();
    for (int i = 0; i < 65; i++) {
      many.add("wss://r" + i + ".example");
    }
    assertMessage("at most 64", new JsonObject().put("relays", many));
  }

  private static void assertMessage(String fragment, JsonObject json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CollectorConfig.fromJson(json));
    assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}
