package dvmdash.embedded;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.store.JobStatusRepository;
import dvmdash.store.MongoEventStore;
import dvmdash.store.PgEventStore;
import dvmdash.store.PgSchema;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the raw events of a data directory from the embedded MongoDB-compatible store of earlier versions (an H2 file
 * under {@code data/mongo}) into the embedded PostgreSQL, once. One cursor streams the collection; each page is
 * committed in its own transaction (idempotent: a crash part-way repeats the move from the start and changes nothing); the old
 * folder is deleted only after the last page has committed. An unreadable file (the H2 store can corrupt itself) is
 * set aside as {@code mongo.unreadable-<time>}, the rollups are kept, and the log says how to refill raw events.
 */
public final class LegacyRawStoreMove {

  private static final Logger log = LoggerFactory.getLogger(LegacyRawStoreMove.class);
  private static final int PAGE = 2000;
  static final String FILE = "events.mv";

  private LegacyRawStoreMove() {
  }

  /** True when {@code mongoDir} holds a store of an earlier version. */
  public static boolean present(Path mongoDir) {
    return Files.isRegularFile(mongoDir.resolve(FILE));
  }

  /** Blocking. Resolves to the number of events moved; -1 when the old store could not be read. */
  public static long run(Path mongoDir, String pgUrl) throws Exception {
    if (!present(mongoDir)) {
      return 0;
    }
    log.info("Found raw events of an earlier version in {}: moving them into PostgreSQL (once)", mongoDir);
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    long moved = 0;
    try {
      await(PgSchema.migrate(pool));
      PgEventStore target = new PgEventStore(pool);
      try (EmbeddedMongoServer old = EmbeddedMongoServer.start(mongoDir)) {
        MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", old.uri())
            .put("db_name", "dvmdash"));
        try {
          moved = await(copy(mongo, target, pool));
        } finally {
          mongo.close();
        }
      }
    } catch (Exception | Error e) {
      Path aside = mongoDir.resolveSibling(mongoDir.getFileName() + ".unreadable-" + System.currentTimeMillis() / 1000);
      log.error("The raw events of the earlier version in {} could not be read ({}); {} events were moved before "
          + "that. The rollups (every figure) are kept. The unreadable folder is set aside as {}. To refill the raw "
          + "events the debugger and export need: `dvmdash backfill --relay wss://… --since …` from relays, or "
          + "`dvmdash import` of an earlier export.", mongoDir, e.toString(), moved, aside);
      await(pool.close());
      await(vertx.close());
      Files.move(mongoDir, aside);
      return -1;
    }
    log.info("Recomputing the job states from the {} moved raw events", moved);
    await(JobStatusRepository.rebuildFromRawEvents(pool));
    await(pool.query("ANALYZE").execute());
    await(pool.close());
    await(vertx.close());
    deleteTree(mongoDir);
    log.info("Moved {} raw events into PostgreSQL; removed {}", moved, mongoDir);
    return moved;
  }

  /**
   * Streams the old collection through one cursor (its natural order: no sort, so no scan per page), inserting pages
   * of {@link #PAGE} while the stream is paused.
   */
  private static Future<Long> copy(MongoClient mongo, PgEventStore target, Pool pool) {
    Promise<Long> done = Promise.promise();
    ReadStream<JsonObject> stream = mongo.findBatchWithOptions("events", new JsonObject(),
        new FindOptions().setBatchSize(PAGE));
    List<JsonObject> page = new ArrayList<>();
    long[] moved = {0};
    stream.exceptionHandler(done::tryFail);
    stream.handler(doc -> {
      page.add(doc);
      if (page.size() >= PAGE) {
        stream.pause();
        List<JsonObject> full = new ArrayList<>(page);
        page.clear();
        insert(full, target, pool).onSuccess(n -> {
          moved[0] += n;
          if (moved[0] % 100_000 < PAGE) {
            log.info("Moved {} raw events so far", moved[0]);
          }
          stream.resume();
        }).onFailure(done::tryFail);
      }
    });
    stream.endHandler(v -> insert(new ArrayList<>(page), target, pool)
        .onSuccess(n -> done.tryComplete(moved[0] + n))
        .onFailure(done::tryFail));
    return done.future();
  }

  private static Future<Long> insert(List<JsonObject> docs, PgEventStore target, Pool pool) {
    if (docs.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    List<ReceivedEvent> received = new ArrayList<>();
    for (JsonObject doc : docs) {
      StoredEvent e = MongoEventStore.stored(doc);
      List<String> relays = e.relays().isEmpty() ? List.of("unknown") : e.relays();
      for (String relay : relays) {
        received.add(new ReceivedEvent(e.event(), e.id(), relay, e.firstSeenMillis()));
      }
    }
    return pool.withTransaction(conn -> target.store(received, conn)).map(v -> (long) docs.size());
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
