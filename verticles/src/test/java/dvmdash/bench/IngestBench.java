package dvmdash.bench;

import dvmdash.Deployments;
import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.embedded.EmbeddedPostgresServer;
import dvmdash.reload.ConfigSource;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.MongoEventStore;
import dvmdash.store.PgEventStore;
import dvmdash.store.PgSchema;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end ingest benchmark: a relay (another process) serves a JSONL file of signed events; this JVM runs the
 * single-node pipeline (collector → processor → raw store + PostgreSQL rollups) on embedded stores and reports events/s from
 * the first REQ to the last rollup commit, beside the verify-only rate and the raw store's own insert rate measured
 * in the same run, and the peak heap and RSS.
 *
 * <p>Usage: {@code IngestBench --file events.jsonl --relay ws://127.0.0.1:P [--raw pg|mongo-memory] [--dir D]}
 * ({@code pg}, the default: raw events in the embedded PostgreSQL; {@code mongo-memory}: the MongoDB-compatible test
 * server in memory)
 */
public final class IngestBench {

  private IngestBench() {
  }

  public static void main(String[] args) throws Exception {
    Path file = null;
    String relay = null;
    String rawMode = "pg";
    Path dir = Files.createTempDirectory("dvmdash-bench");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--file" -> file = Path.of(args[i + 1]);
        case "--relay" -> relay = args[i + 1];
        case "--raw" -> rawMode = args[i + 1];
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (file == null || relay == null) {
      throw new IllegalArgumentException("--file and --relay are required");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    if (!rawMode.equals("pg") && !rawMode.equals("mongo-memory")) {
      throw new IllegalArgumentException("--raw must be pg or mongo-memory");
    }
    boolean mongoRaw = rawMode.equals("mongo-memory");
    System.out.printf("cores: %d, max heap: %d MiB, raw store: %s%n", cores,
        Runtime.getRuntime().maxMemory() >> 20, rawMode);

    FileScan scan = FileScan.of(file, 100_000);
    long expected = scan.expected();
    System.out.printf("events in file: %d (expected to be stored: %d)%n", scan.total(), expected);
    System.out.printf("verify-only (parse + id + BIP-340, %d threads): %.0f events/s%n", cores, scan.verifyRate());
    List<NostrEvent> sample = scan.sample();

    Vertx vertx = Vertx.vertx();
    double storeRate = storeOnlyRate(vertx, sample, mongoRaw, dir.resolve("store-only"));
    System.out.printf("raw store alone (%s, batches of 2000): %.0f events/s%n", rawMode, storeRate);
    sample = null;
    scan = null;
    System.gc();

    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"));
         EmbeddedMongoServer mongo = mongoRaw ? EmbeddedMongoServer.start(null) : null) {
      JsonObject config = ConfigSource.local(null)
          .put("data_dir", dir.toString())
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("webroot", "none"))
          .put("stores", new JsonObject().put("pg_url", pg.url()).put("mongo_uri", mongoRaw ? mongo.uri() : null));
      config.getJsonObject("collector").put("relays", new JsonArray().add(relay))
          .put("cursor_file", dir.resolve("cursors.json").toString());
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pg.url())).using(vertx).build();
      await(PgSchema.migrate(vertx, pg.url()));
      AtomicLong peakHeap = new AtomicLong();
      long sampler = vertx.setPeriodic(200, id -> peakHeap.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max));
      long start = System.nanoTime();
      Vertx pipeline = Vertx.vertx();
      await(Deployments.deploy(pipeline, config, Deployments.Hooks.none()));
      long committed = 0;
      long lastPrint = System.nanoTime();
      while (committed < expected) {
        Thread.sleep(250);
        // applied events: the raw table when raw events live in PostgreSQL (inserted with their rollups), else seen_events
        committed = await(pool.query("SELECT count(*) FROM " + (mongoRaw ? "seen_events" : "events")).execute())
            .iterator().next().getLong(0);
        if (System.nanoTime() - lastPrint > 10e9) {
          lastPrint = System.nanoTime();
          System.out.printf("  … %d / %d committed (%.0f events/s so far)%n", committed, expected,
              committed / ((System.nanoTime() - start) / 1e9));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      vertx.cancelTimer(sampler);
      Stores stores = Stores.connect(vertx, config, "bench");
      long raw = await(stores.raw().count());
      await(stores.close());
      System.out.printf("end to end (relay → verified → raw store + PostgreSQL rollups): %d events in %.1f s = %.0f"
          + " events/s%n", committed, seconds, committed / seconds);
      System.out.printf("raw events stored: %d (expected %d)%n", raw, expected);
      System.out.printf("peak heap used: %d MiB, peak RSS: %d MiB%n", peakHeap.get() >> 20, peakRssMiB());
      await(pipeline.close());
      await(pool.close());
    }
    await(vertx.close());
    System.exit(0);
  }

  private static double storeOnlyRate(Vertx vertx, List<NostrEvent> sample, boolean mongoRaw, Path dir)
      throws Exception {
    if (mongoRaw) {
      try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(null)) {
        MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri())
            .put("db_name", "storeonly"));
        MongoEventStore store = new MongoEventStore(client);
        await(store.prepare());
        double rate = timedInserts(sample, batch -> store.store(batch, null));
        client.close();
        return rate;
      }
    }
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir)) {
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pg.url())).using(vertx).build();
      await(PgSchema.migrate(vertx, pg.url()));
      PgEventStore store = new PgEventStore(pool);
      double rate = timedInserts(sample, batch -> pool.withTransaction(conn -> store.store(batch, conn)));
      await(pool.close());
      return rate;
    }
  }

  private static double timedInserts(List<NostrEvent> sample,
                                     java.util.function.Function<List<ReceivedEvent>, Future<Void>> insert)
      throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < sample.size(); i += 2000) {
      List<ReceivedEvent> batch = new ArrayList<>();
      for (NostrEvent e : sample.subList(i, Math.min(sample.size(), i + 2000))) {
        batch.add(ReceivedEvent.of(e, "ws://bench", System.currentTimeMillis()));
      }
      await(insert.apply(batch));
    }
    return sample.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static long peakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
