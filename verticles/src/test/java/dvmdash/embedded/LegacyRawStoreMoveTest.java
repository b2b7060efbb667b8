package dvmdash.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.it.TestPostgres;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.MongoEventStore;
import dvmdash.store.PgEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory of an earlier version: its raw events move into PostgreSQL once, or are set aside if unreadable. */
class LegacyRawStoreMoveTest {

  @TempDir
  Path dir;

  @Test
  void movesEveryRawEventWithItsRelaysThenRemovesTheOldStore() throws Exception {
    Path mongoDir = dir.resolve("mongo");
    EventSigner user = EventSigner.fromSeed(7);
    List<NostrEvent> events = new ArrayList<>();
    for (int i = 0; i < 4_500; i++) {
      events.add(user.sign(1_760_000_000L + i, 5300, List.of(List.of("i", "n" + i, "text")), "job " + i));
    }
    Vertx vertx = Vertx.vertx();
    try {
      try (EmbeddedMongoServer old = EmbeddedMongoServer.start(mongoDir)) {
        MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", old.uri())
            .put("db_name", "dvmdash"));
        MongoEventStore store = new MongoEventStore(client);
        List<ReceivedEvent> batch = new ArrayList<>();
        for (NostrEvent e : events) {
          batch.add(ReceivedEvent.of(e, "wss://a.example", 1234L));
        }
        batch.add(ReceivedEvent.sighting(events.get(0).id(), "wss://b.example", 1300L));
        await(store.store(batch, null));
        client.close();
      }
      assertTrue(LegacyRawStoreMove.present(mongoDir));
      String pgUrl = TestPostgres.freshDatabase();
      assertEquals(events.size(), LegacyRawStoreMove.run(mongoDir, pgUrl));
      assertFalse(Files.exists(mongoDir), "the old store is removed after the move committed");

      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
      PgEventStore moved = new PgEventStore(pool);
      assertEquals(events.size(), await(moved.count()));
      StoredEvent first = await(moved.byId(events.get(0).id()));
      assertEquals(events.get(0), first.event());
      assertEquals(Set.of("wss://a.example", "wss://b.example"), Set.copyOf(first.relays()));
      assertEquals(1234L, first.firstSeenMillis());
      assertEquals(events.get(4_499), await(moved.byId(events.get(4_499).id())).event());
      assertEquals(events.size(), await(pool.query("SELECT count(*) FROM job_status WHERE status = 'waiting'")
          .execute()).iterator().next().getLong(0), "the jobs list knows the moved requests");
      await(pool.close());
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void anUnreadableOldStoreIsSetAsideAndStartingGoesOn() throws Exception {
    Path mongoDir = dir.resolve("mongo");
    Files.createDirectories(mongoDir);
    byte[] junk = new byte[64 * 1024];
    new java.util.Random(3).nextBytes(junk);
    Files.write(mongoDir.resolve("events.mv"), junk);
    assertEquals(-1, LegacyRawStoreMove.run(mongoDir, TestPostgres.freshDatabase()));
    assertFalse(Files.exists(mongoDir));
    try (Stream<Path> list = Files.list(dir)) {
      assertTrue(list.anyMatch(p -> p.getFileName().toString().startsWith("mongo.unreadable-")),
          "the unreadable folder is kept aside for the user");
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
