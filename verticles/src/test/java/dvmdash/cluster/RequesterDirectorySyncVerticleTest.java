package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.servers.RedisProcess;
import dvmdash.shared.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requesters shown by an API node reach the collectors of other nodes through a real redis-server. */
class RequesterDirectorySyncVerticleTest {

  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);
  static final String C = "c".repeat(64);

  @TempDir
  Path dir;
  private RedisProcess server;
  private Vertx apiNode;
  private Vertx collectorNode;
  private Vertx bothNode;
  private Redis redis;

  @BeforeEach
  void setUp() throws Exception {
    server = RedisProcess.start(dir.resolve("redis"));
    apiNode = Vertx.vertx();
    collectorNode = Vertx.vertx();
    bothNode = Vertx.vertx();
    redis = Redis.createClient(apiNode, server.url());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Vertx v : new Vertx[] {apiNode, collectorNode, bothNode}) {
      get(v.close());
    }
    server.close();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void deploy(Vertx node, String role) throws Exception {
    JsonObject config = new JsonObject().put("role", role)
        .put("redis", new JsonObject().put("url", server.url()).put("stream", "req:events"));
    get(node.deployVerticle(new RequesterDirectorySyncVerticle(), new DeploymentOptions().setConfig(config)));
  }

  private static List<JsonArray> wanted(Vertx node) {
    List<JsonArray> seen = new CopyOnWriteArrayList<>();
    node.eventBus().<JsonArray>consumer(Addresses.PROFILES_WANTED, m -> seen.add(m.body()));
    return seen;
  }

  private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(done.getAsBoolean(), what);
  }

  private String score(String pubkey) throws Exception {
    return get(redis.send(Request.cmd(Command.ZSCORE).arg("req:events:requesters").arg(pubkey))).toString();
  }

  @Test
  void requestersShownOnAnApiNodeAreWantedOnCollectorNodes() throws Exception {
    deploy(apiNode, "api");
    deploy(collectorNode, "collector,processor");
    List<JsonArray> atCollector = wanted(collectorNode);
    apiNode.eventBus().publish(Addresses.PROFILES_WANTED, new JsonArray().add(A).add(B));
    await("the collector node is asked for A and B", () -> atCollector.stream()
        .anyMatch(a -> a.getList().containsAll(List.of(A, B))));
  }

  @Test
  void aNodeWithBothRolesDoesNotWriteBackWhatItRead() throws Exception {
    deploy(bothNode, "api,collector");
    List<JsonArray> seen = wanted(bothNode);
    bothNode.eventBus().publish(Addresses.PROFILES_WANTED, new JsonArray().add(C));
    await("C read back from Redis", () -> seen.size() >= 2);
    String first = score(C);
    int reads = seen.size();
    // two more reads of the directory: C's score stays the one of its only showing
    await("two more reads", () -> seen.size() >= reads + 2);
    assertEquals(first, score(C));
    assertEquals(Set.of(C), Set.copyOf(seen.get(seen.size() - 1).getList()));
  }
}
