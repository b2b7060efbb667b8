package dvmdash.bench;

import dvmdash.Deployments;
import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.embedded.EmbeddedPostgresServer;
import dvmdash.reload.ConfigSource;
import dvmdash.store.PgSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the distributed path: one collector node (relay → verify → Redis stream) and 1, then 2, processor
 * nodes (stream → MongoDB + PostgreSQL rollups under the etcd commit lock), each node its own Vert.x instance in this
 * JVM with the roles and config a droplet would have, against the given redis-server and etcd. Every run starts
 * from empty stores, a new stream and a new etcd prefix, so the collector fetches the whole file again; the figure is
 * events/s from deployment to the last rollup commit.
 *
 * <p>Usage: {@code ClusterBench --file events.jsonl --relay ws://… --redis redis://… --etcd http://… [--processors 1,2]
 * [--raw pg|mongo-memory] [--dir D]}
 */
public final class ClusterBench {

  private ClusterBench() {
  }

  public static void main(String[] args) throws Exception {
    Path file = null;
    String relay = null;
    String redis = null;
    String etcd = null;
    String mongoMode = "pg";
    List<Integer> processorCounts = List.of(1, 2);
    Path dir = Files.createTempDirectory("dvmdash-cluster-bench");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--file" -> file = Path.of(args[i + 1]);
        case "--relay" -> relay = args[i + 1];
        case "--redis" -> redis = args[i + 1];
        case "--etcd" -> etcd = args[i + 1];
        case "--raw" -> mongoMode = args[i + 1];
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--processors" -> processorCounts = Arrays.stream(args[i + 1].split(","))
            .map(Integer::parseInt).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (file == null || relay == null || redis == null || etcd == null) {
      throw new IllegalArgumentException("--file, --relay, --redis and --etcd are required");
    }
    System.out.printf("cores: %d, max heap: %d MiB, raw store: %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, mongoMode);
    FileScan scan = FileScan.of(file, 0);
    long expected = scan.expected();
    System.out.printf("events in file: %d (expected to be stored: %d); verify-only: %.0f events/s%n", scan.total(),
        expected, scan.verifyRate());
    for (int processors : processorCounts) {
      Path runDir = dir.resolve("run-" + processors);
      Result res = run(new Run(relay, redis, etcd, mongoMode, runDir, processors, expected));
      System.out.printf("Redis path, 1 collector + %d processor%s: %.0f events/s overall, %.0f events/s between 10%%"
              + " and 90%% committed, peak stream backlog %d entries%n", processors, processors == 1 ? "" : "s",
          res.overall(), res.steady(), res.peakBacklog());
    }
    System.exit(0);
  }

  /** One measurement: the stores and the nodes of {@code processors} processors. */
  private record Run(String relay, String redis, String etcd, String mongoMode, Path dir, int processors,
                     long expected) {
  }

  /** Events/s from deployment to the last commit and between 10 % and 90 % committed; the largest XLEN seen. */
  private record Result(double overall, double steady, long peakBacklog) {
  }

  private static Result run(Run r) throws Exception {
    String tag = "bench-" + r.processors() + "-" + System.currentTimeMillis();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(r.dir().resolve("postgres"));
         EmbeddedMongoServer mongo = "mongo-memory".equals(r.mongoMode()) ? EmbeddedMongoServer.start(null) : null) {
      Vertx control = Vertx.vertx();
      await(PgSchema.migrate(control, pg.url()));
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pg.url())).using(control).build();
      Redis queue = Redis.createClient(control, r.redis());
      List<Vertx> nodes = new ArrayList<>();
      long start = System.nanoTime();
      for (int p = 1; p <= r.processors(); p++) {
        nodes.add(deploy(nodeConfig(r, tag, "processor-" + p, "processor", pg, mongo)));
      }
      nodes.add(deploy(nodeConfig(r, tag, "collector-1", "collector", pg, mongo)));
      long committed = 0;
      long lastPrint = System.nanoTime();
      long at10 = 0;
      long at90 = 0;
      long peakBacklog = 0;
      while (committed < r.expected()) {
        Thread.sleep(250);
        // applied events: the raw table when raw events live in PostgreSQL (inserted with their rollups), else seen_events
        String applied = "mongo-memory".equals(r.mongoMode()) ? "seen_events" : "events";
        committed = await(pool.query("SELECT count(*) FROM " + applied).execute()).iterator().next().getLong(0);
        peakBacklog = Math.max(peakBacklog, await(queue.send(Request.cmd(Command.XLEN).arg(tag + ":events")))
            .toLong());
        if (at10 == 0 && committed >= r.expected() / 10) {
          at10 = System.nanoTime();
        }
        if (at90 == 0 && committed >= r.expected() * 9 / 10) {
          at90 = System.nanoTime();
        }
        if (System.nanoTime() - lastPrint > 10e9) {
          lastPrint = System.nanoTime();
          System.out.printf("  … %d / %d committed (%.0f events/s so far)%n", committed, r.expected(),
              committed / ((System.nanoTime() - start) / 1e9));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (Vertx v : nodes) {
        await(v.close());
      }
      await(queue.close());
      await(pool.close());
      await(control.close());
      double steady = at90 > at10 ? (r.expected() * 8 / 10) / ((at90 - at10) / 1e9) : committed / seconds;
      return new Result(committed / seconds, steady, peakBacklog);
    }
  }

  private static JsonObject nodeConfig(Run r, String tag, String name, String role, EmbeddedPostgresServer pg,
                                       EmbeddedMongoServer mongo) throws Exception {
    Path nodeDir = r.dir().resolve(name);
    Files.createDirectories(nodeDir);
    JsonObject config = ConfigSource.local(null)
        .put("role", role)
        .put("node_id", tag + "-" + name)
        .put("data_dir", nodeDir.toString())
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("stores", new JsonObject().put("pg_url", pg.url()).put("mongo_uri", mongo == null ? null : mongo.uri()))
        .put("redis", new JsonObject().put("url", r.redis()).put("stream", tag + ":events"))
        .put("etcd", new JsonObject().put("endpoints", new JsonArray().add(r.etcd())).put("prefix", "/" + tag + "/"));
    config.getJsonObject("collector").put("relays", new JsonArray().add(r.relay()))
        .put("cursor_file", nodeDir.resolve("cursors.json").toString());
    return config;
  }

  private static Vertx deploy(JsonObject config) throws Exception {
    Vertx vertx = Vertx.vertx();
    await(Deployments.deploy(vertx, config, Deployments.Hooks.none()));
    return vertx;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
