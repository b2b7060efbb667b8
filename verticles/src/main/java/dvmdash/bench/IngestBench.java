package dvmdash.bench;

import dvmdash.Main;
import dvmdash.Node;
import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.embedded.EmbeddedPostgresServer;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.EventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * End-to-end ingest benchmark: a relay (another process) serves a JSONL file of signed events; this JVM runs the
 * single-node pipeline (collector → processor → MongoDB + PostgreSQL) on embedded stores and reports events/s from
 * the first REQ to the last rollup commit, beside the verify-only rate and the raw store's own insert rate measured
 * in the same run, and the peak heap and RSS.
 *
 * <p>Usage: {@code IngestBench --file events.jsonl --relay ws://127.0.0.1:P [--mongo h2|memory] [--dir D]}
 */
public final class IngestBench {

  private IngestBench() {
  }

  public static void main(String[] args) throws Exception {
    Path file = null;
    String relay = null;
    String mongoMode = "h2";
    Path dir = Files.createTempDirectory("dvmdash-bench");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--file" -> file = Path.of(args[i + 1]);
        case "--relay" -> relay = args[i + 1];
        case "--mongo" -> mongoMode = args[i + 1];
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (file == null || relay == null) {
      throw new IllegalArgumentException("--file and --relay are required");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("cores: %d, max heap: %d MiB, mongo backend: %s%n", cores,
        Runtime.getRuntime().maxMemory() >> 20, mongoMode);

    FileScan scan = FileScan.of(file, 100_000);
    long expected = scan.expected();
    System.out.printf("events in file: %d (expected to be stored: %d)%n", scan.total(), expected);
    System.out.printf("verify-only (parse + id + BIP-340, %d threads): %.0f events/s%n", cores, scan.verifyRate());
    List<NostrEvent> sample = scan.sample();

    Vertx vertx = Vertx.vertx();
    double storeRate = storeOnlyRate(vertx, sample, mongoMode, dir.resolve("store-only"));
    System.out.printf("raw store alone (MongoDB-compatible %s, EventStore bulk writes of 2000): %.0f docs/s%n",
        mongoMode, storeRate);
    sample = null;
    scan = null;
    System.gc();

    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"));
         EmbeddedMongoServer mongo = EmbeddedMongoServer.start("memory".equals(mongoMode) ? null
             : dir.resolve("mongo"))) {
      JsonObject config = Main.loadConfig(null)
          .put("data_dir", dir.toString())
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("webroot", "none"))
          .put("stores", new JsonObject().put("pg_url", pg.url()).put("mongo_uri", mongo.uri()));
      config.getJsonObject("collector").put("relays", new JsonArray().add(relay))
          .put("cursor_file", dir.resolve("cursors.json").toString());
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pg.url())).using(vertx).build();
      await(Node.migrate(vertx, pg.url()));
      AtomicLong peakHeap = new AtomicLong();
      long sampler = vertx.setPeriodic(200, id -> peakHeap.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max));
      long start = System.nanoTime();
      Vertx pipeline = Vertx.vertx();
      await(Main.deploy(pipeline, config, new Node.Hooks(() -> pipeline.executeBlocking(() -> {
        mongo.commit();
        return null;
      }), () -> System.currentTimeMillis() / 1000)));
      long committed = 0;
      long lastPrint = System.nanoTime();
      while (committed < expected) {
        Thread.sleep(250);
        committed = await(pool.query("SELECT count(*) FROM seen_events").execute()).iterator().next().getLong(0);
        if (System.nanoTime() - lastPrint > 10e9) {
          lastPrint = System.nanoTime();
          System.out.printf("  … %d / %d committed (%.0f events/s so far)%n", committed, expected,
              committed / ((System.nanoTime() - start) / 1e9));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      vertx.cancelTimer(sampler);
      long raw = await(new EventStore(MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri())
          .put("db_name", "dvmdash"))).count());
      System.out.printf("end to end (relay → verified → MongoDB + PostgreSQL rollups): %d events in %.1f s = %.0f"
          + " events/s%n", committed, seconds, committed / seconds);
      System.out.printf("raw events stored: %d (expected %d)%n", raw, expected);
      System.out.printf("peak heap used: %d MiB, peak RSS: %d MiB%n", peakHeap.get() >> 20, peakRssMiB());
      await(pipeline.close());
      await(pool.close());
    }
    await(vertx.close());
    System.exit(0);
  }

  private static double storeOnlyRate(Vertx vertx, List<NostrEvent> sample, String mode, Path dir) throws Exception {
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start("memory".equals(mode) ? null : dir)) {
      MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri())
          .put("db_name", "storeonly"));
      EventStore store = new EventStore(client);
      await(store.ensureIndexes());
      long t0 = System.nanoTime();
      for (int i = 0; i < sample.size(); i += 2000) {
        List<ReceivedEvent> batch = new ArrayList<>();
        for (NostrEvent e : sample.subList(i, Math.min(sample.size(), i + 2000))) {
          batch.add(ReceivedEvent.of(e, "ws://bench", System.currentTimeMillis()));
        }
        await(store.store(batch));
        mongo.commit();
      }
      double rate = sample.size() / ((System.nanoTime() - t0) / 1e9);
      client.close();
      return rate;
    }
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
