package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.it.TestPostgres;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A data directory written before schema version 19 (raw events as one NIP-01 JSON text) keeps every event exactly
 * through versions 19 (fields cut out of the text) and 22 (ids as bytes, tags and content compressed): after the
 * upgrade each one reads back equal to what was signed.
 */
class RawRowUpgradeTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void eventsStoredAsJsonTextReadBackExactlyWithTheirRelaysAfterTheUpgrades() throws Exception {
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestPostgres.freshDatabase())).using(vertx)
        .build();
    await(pool.query("CREATE TABLE schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL"
        + " DEFAULT now())").execute());
    for (PgSchema.Version v : PgSchema.load()) {
      if (v.number() < 19) {
        await(pool.query(v.sql()).execute());
        await(pool.query("INSERT INTO schema_version (version) VALUES (" + v.number() + ")").execute());
      }
    }
    EventSigner user = EventSigner.fromSeed(7);
    String tricky = "nul\u0000 \"q\" back\\slash \n é 🤖 \u2028 </script>";
    List<NostrEvent> events = List.of(
        user.sign(1_700_000_000L, 5050, List.of(List.of("i", tricky, "text"), List.of("empty")), tricky),
        user.sign(1_700_000_001L, 5300, List.of(), ""),
        user.sign(1_700_000_002L, 6300, List.of(List.of("e", "a".repeat(64)), List.of("p", user.pubkey())),
            "x".repeat(5000)),
        user.sign(1_700_000_003L, 31990, List.of(List.of("d", "dvm"), List.of("k", "5300"),
            List.of("relays", "wss://Relay.Example:443/", "ws://b.example", "https://not.a.relay")), "{}"));
    List<List<String>> relays = List.of(List.of("wss://a.example"), List.of("wss://a.example", "wss://b.example"),
        List.of("wss://c.example/path?x=1", "ws://127.0.0.1:7777"), List.of("wss://a.example"));
    // announcements as versions before 24 stored them: one with its raw event, one without
    NostrEvent announcement = events.get(3);
    await(pool.preparedQuery("INSERT INTO announcements (pubkey, d, event_id, created_at, kinds, kind)"
        + " VALUES ($1, 'dvm', $2, $3, '{5300}', 31990), ($4, 'gone', $5, 1, '{5050}', 31990)")
        .execute(Tuple.of(user.pubkey(), announcement.id(), announcement.createdAt(), "b".repeat(64), "c".repeat(64))));
    for (int i = 0; i < events.size(); i++) {
      NostrEvent e = events.get(i);
      await(pool.preparedQuery("INSERT INTO events (id, pubkey, created_at, kind, e_refs, p_refs, i_jobs, first_seen,"
          + " relays, event) VALUES ($1, $2, $3, $4, '{}', '{}', '{}', 1, $5, $6)")
          .execute(Tuple.of(e.id(), e.pubkey(), e.createdAt(), e.kind(), relays.get(i).toArray(String[]::new),
              EventWriter.toJson(e))));
    }
    await(PgSchema.migrate(pool));
    assertEquals(0L, await(pool.query("SELECT count(*) FROM events WHERE get_byte(body, 0) = 0").execute())
        .iterator().next().getLong(0), "every upgraded body compressed once (RawRowCompaction)");
    assertEquals(List.of("wss://relay.example", "ws://b.example"), List.of(await(pool.query(
        "SELECT relays FROM announcements WHERE d = 'dvm'").execute()).iterator().next().getArrayOfStrings(0)),
        "an announcement stored before version 24 gets the relays of its raw event (AnnouncedRelayBackfill)");
    assertEquals(null, await(pool.query("SELECT relays FROM announcements WHERE d = 'gone'").execute()).iterator()
        .next().getArrayOfStrings(0), "without its raw event it stays unread");
    PgEventStore store = new PgEventStore(pool);
    for (int i = 0; i < events.size(); i++) {
      NostrEvent e = events.get(i);
      assertEquals(relays.get(i).stream().sorted().toList(), await(store.byId(e.id())).relays(),
          "the delivering relays survive the move to relay ids (schema 26), sorted by URL");
      assertEquals(e, await(store.byId(e.id())).event(), "read back exactly after the upgrade");
      assertEquals(EventWriter.toJson(e), EventWriter.toJson(await(store.byId(e.id())).event()));
    }
    await(pool.close());
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
