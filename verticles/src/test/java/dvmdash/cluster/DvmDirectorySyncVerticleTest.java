package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.vertx.redis.client.Response;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DVM directory in Redis against a real redis-server: a processor node repairs an add lost to an outage. */
class DvmDirectorySyncVerticleTest {

  @TempDir
  Path dir;
  private RedisProcess server;
  private Vertx vertx;
  private Redis redis;

  @BeforeEach
  void setUp() throws Exception {
    server = RedisProcess.start(dir.resolve("redis"));
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, server.url());
  }

  @AfterEach
  void tearDown() throws Exception {
    get(vertx.close());
    server.close();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private Set<String> members() throws Exception {
    Set<String> out = new TreeSet<>();
    for (Response r : get(redis.send(Request.cmd(Command.SMEMBERS).arg("dir:events:dvms")))) {
      out.add(r.toString());
    }
    return out;
  }

  @Test
  void aProcessorNodeAddsItsDvmsAgainAfterRedisLostThem() throws Exception {
    JsonArray known = new JsonArray().add("dvm-a").add("dvm-b");
    vertx.eventBus().consumer(Addresses.DVMS_KNOWN, m -> m.reply(known));
    JsonObject config = new JsonObject().put("role", "processor")
        .put("redis", new JsonObject().put("url", server.url()).put("stream", "dir:events"));
    get(vertx.deployVerticle(new DvmDirectorySyncVerticle(), new DeploymentOptions().setConfig(config)));
    assertEquals(Set.of("dvm-a", "dvm-b"), members());

    // a DVM discovered while Redis was down is announced once and its SADD fails; here: the set is lost
    known.add("dvm-c");
    get(redis.send(Request.cmd(Command.DEL).arg("dir:events:dvms")));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DvmDirectorySyncVerticle.RESYNC_MILLIS * 3);
    while (members().size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(Set.of("dvm-a", "dvm-b", "dvm-c"), members());
  }
}
