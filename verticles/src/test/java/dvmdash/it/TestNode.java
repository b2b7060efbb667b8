package dvmdash.it;

import dvmdash.Deployments;
import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.store.PgSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A DVMDash node for integration tests: its own Vert.x, real PostgreSQL (a fresh database; raw events there too unless
 * a {@code mongo_uri} is given), the real verticles deployed by {@link Main#deploy}, and a blocking HTTP client for the API.
 */
public final class TestNode implements AutoCloseable {

  public final Vertx vertx;
  public final JsonObject config;
  public final int port;
  private final WebClient http;

  private TestNode(Vertx vertx, JsonObject config, int port) {
    this.vertx = vertx;
    this.config = config;
    this.port = port;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** Config for a node on the given stores, collecting from {@code relays}. */
  public static JsonObject config(String pgUrl, String mongoUri, List<String> relays, Path dataDir) throws Exception {
    return new JsonObject()
        .put("data_dir", dataDir.toString())
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", freePort())
            .put("webroot", dataDir.resolve("no-webroot").toString()))
        .put("stores", new JsonObject().put("pg_url", pgUrl).put("mongo_uri", mongoUri).put("mongo_db", "dvmdash"))
        .put("collector", new JsonObject().put("relays", new JsonArray(relays))
            .put("cursor_file", dataDir.resolve("cursors.json").toString()))
        .put("processor", new JsonObject().put("batch_size", 300).put("batch_max_wait_ms", 50));
  }

  public static TestNode start(JsonObject config, long nowSeconds) throws Exception {
    return start(config, nowSeconds, Vertx.vertx());
  }

  /** A node on the given Vert.x instance (for example one with metrics, {@code AppMetrics.vertxWithMetrics()}). */
  public static TestNode start(JsonObject config, long nowSeconds, Vertx vertx) throws Exception {
    PgSchema.migrate(vertx, config.getJsonObject("stores").getString("pg_url"))
        .compose(v -> Deployments.deploy(vertx, config,
            new Deployments.Hooks(Future::succeededFuture, () -> nowSeconds)))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new TestNode(vertx, config, config.getJsonObject("http").getInteger("port"));
  }

  /** A client of a node running in another process, described by the config it was started with. */
  public static TestNode remote(JsonObject config) {
    return new TestNode(Vertx.vertx(), config, config.getJsonObject("http").getInteger("port"));
  }

  public static EmbeddedMongoServer memoryMongo() throws Exception {
    return EmbeddedMongoServer.start(null);
  }

  /** GET returning the JSON body and the status code. */
  public Reply get(String path) throws Exception {
    var res = http.get(path).send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String body = res.bodyAsString();
    return new Reply(res.statusCode(), body == null || body.isEmpty() ? null : new JsonObject(body));
  }

  /** GET returning the body as text (for /metrics), failing unless the status is 200. */
  public String text(String path) throws Exception {
    var res = http.get(path).send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (res.statusCode() != 200) {
      throw new AssertionError("GET " + path + " → " + res.statusCode() + " " + res.bodyAsString());
    }
    return res.bodyAsString();
  }

  /** A request with optional headers and body, returning the JSON body and the status code. */
  public Reply send(io.vertx.core.http.HttpMethod method, String path, String body, String... headers)
      throws Exception {
    var req = http.request(method, path);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    var res = (body == null ? req.send() : req.sendBuffer(io.vertx.core.buffer.Buffer.buffer(body)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String text = res.bodyAsString();
    return new Reply(res.statusCode(), text == null || !text.startsWith("{") ? null : new JsonObject(text));
  }

  /** POST with a raw body, returning the JSON body and the status code. */
  public Reply post(String path, String body) throws Exception {
    var res = http.post(path).putHeader("Content-Type", "application/json")
        .sendBuffer(io.vertx.core.buffer.Buffer.buffer(body))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String text = res.bodyAsString();
    return new Reply(res.statusCode(), text == null || !text.startsWith("{") ? null : new JsonObject(text));
  }

  public JsonObject getOk(String path) throws Exception {
    Reply r = get(path);
    if (r.status() != 200) {
      throw new AssertionError("GET " + path + " → " + r.status() + " " + r.body());
    }
    return r.body();
  }

  /** The first row of a query on the node's PostgreSQL database, as JSON. */
  public JsonObject sqlRow(String sql) throws Exception {
    return sqlRow(vertx, config, sql);
  }

  /** The first row of {@code sql} on the PostgreSQL database of {@code config} (no node needed). */
  public static JsonObject sqlRow(Vertx vertx, JsonObject config, String sql) throws Exception {
    io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(
            config.getJsonObject("stores").getString("pg_url")))
        .using(vertx).build();
    try {
      var rows = pool.query(sql).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return rows.iterator().next().toJson();
    } finally {
      pool.close();
    }
  }


  /** Number of raw events in the node's raw store. */
  public long rawCount() throws Exception {
    dvmdash.store.Stores stores = dvmdash.store.Stores.connect(vertx, config, "test-count");
    try {
      return stores.raw().count().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      stores.close();
    }
  }

  /** Polls until the condition holds (or fails after {@code seconds}). */
  public static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** An HTTP answer. */
  public record Reply(int status, JsonObject body) {
  }
}
