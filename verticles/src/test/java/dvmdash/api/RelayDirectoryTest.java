package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import dvmdash.collector.RelayStatusPublisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging the relay list with local and Redis status: owner, freshness, and unknown relays. */
class RelayDirectoryTest {

  private static final long NOW = 1_000_000;

  private static JsonObject status(String url, boolean connected, long events) {
    return new JsonObject().put("url", url).put("connected", connected).put("events", events).put("invalid", 0)
        .put("duplicates", 1).put("last_error", null).put("activity", "normal");
  }

  private static JsonObject row(JsonArray rows, String url) {
    for (Object o : rows) {
      if (((JsonObject) o).getString("url").equals(url)) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no row for " + url + " in " + rows.encode());
  }

  @Test
  void localStatusWinsSharedStatusAgesAndUnreportedRelaysAreUnknown() {
    RelayList list = new RelayList(List.of(RelayEntry.normal("wss://local"),
        new RelayEntry("wss://remote", RelayEntry.Activity.HIGH), RelayEntry.normal("wss://old"),
        RelayEntry.normal("wss://nobody")));
    Map<String, JsonObject> shared = Map.of(
        "wss://local", RelayStatusPublisher.entry(status("wss://local", false, 1), "b", NOW - 100),
        "wss://remote", RelayStatusPublisher.entry(status("wss://remote", true, 42), "b", NOW - 1_000),
        "wss://old", RelayStatusPublisher.entry(status("wss://old", true, 7), "c",
            NOW - RelayStatusPublisher.STALE_AFTER_MILLIS - 1));
    Map<String, JsonObject> local = Map.of("wss://local", status("wss://local", true, 5));

    JsonArray rows = RelayDirectory.merge(list, null, shared, local, "a", NOW);

    assertEquals(List.of("wss://local", "wss://remote", "wss://old", "wss://nobody"),
        rows.stream().map(o -> ((JsonObject) o).getString("url")).toList());
    JsonObject l = row(rows, "wss://local");
    assertEquals("a", l.getString("owner"));
    assertEquals("live", l.getString("status"));
    assertEquals(5L, l.getLong("events"));
    assertTrue(l.getBoolean("connected"));

    JsonObject r = row(rows, "wss://remote");
    assertEquals("b", r.getString("owner"));
    assertEquals("high", r.getString("activity"), "the list's mark, not the status's");
    assertEquals(42L, r.getLong("events"));
    assertEquals(NOW - 1_000, r.getLong("status_at"));
    assertFalse(r.containsKey("node"));

    JsonObject o = row(rows, "wss://old");
    assertEquals("stale", o.getString("status"));
    assertFalse(o.getBoolean("connected"), "a stale status does not claim a live connection");
    assertEquals(7L, o.getLong("events"), "last known counters are kept");

    JsonObject n = row(rows, "wss://nobody");
    assertEquals("unknown", n.getString("status"));
    assertFalse(n.getBoolean("connected"));
    assertNull(n.getValue("events"));
    assertNull(n.getString("owner"));
  }

  @Test
  void etcdClaimsNameTheOwner() {
    RelayList list = RelayList.of(List.of("wss://x", "wss://y"));
    Map<String, JsonObject> shared = Map.of("wss://x", RelayStatusPublisher.entry(status("wss://x", true, 3),
        "old-owner", NOW));
    JsonArray rows = RelayDirectory.merge(list, Map.of("wss://x", "new-owner"), shared, Map.of(), "api", NOW);
    assertEquals("new-owner", row(rows, "wss://x").getString("owner"));
    assertNull(row(rows, "wss://y").getString("owner"));
  }

  @Test
  void thePublicListNeverShowsCredentialsOfARelayUrl() {
    String secret = "wss://alice:pw123@relay.example/?token=t0k3n";
    JsonArray rows = RelayDirectory.merge(new RelayList(List.of(RelayEntry.normal(secret))), null, null,
        Map.of(secret, status(secret, false, 3).put("last_error", "connect: failed " + secret)), "a", NOW);
    String shown = RelayDirectory.redacted(rows).encode();
    assertFalse(shown.contains("pw123"), shown);
    assertFalse(shown.contains("alice"), shown);
    assertFalse(shown.contains("t0k3n"), shown);
    assertEquals("wss://***@relay.example/?token=***",
        RelayDirectory.redacted(rows).getJsonObject(0).getString("url"));
    assertEquals(3L, RelayDirectory.redacted(rows).getJsonObject(0).getLong("events"));
    assertEquals(secret, rows.getJsonObject(0).getString("url"), "the admin view keeps the URL to edit it");
  }
}
