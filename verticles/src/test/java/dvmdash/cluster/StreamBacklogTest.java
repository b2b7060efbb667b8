package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.servers.RedisProcess;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream backlog meters against a real redis-server, with entries whose ids (times) the test chose. */
class StreamBacklogTest {

  @TempDir
  Path dir;
  private RedisProcess server;
  private Vertx vertx;
  private Redis redis;
  private QueueConfig cfg;

  @BeforeEach
  void setUp() throws Exception {
    server = RedisProcess.start(dir.resolve("redis"));
    vertx = Vertx.vertx();
    cfg = QueueConfig.fromJson(new JsonObject().put("redis", new JsonObject().put("url", server.url())
        .put("stream", "backlog:test").put("group", "processors")));
    redis = RedisClients.create(vertx, cfg, 0);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
    server.close();
  }

  @Test
  void countsEntriesPendingLagAndTheOldestEntrysAge() throws Exception {
    StreamBacklog backlog = new StreamBacklog(redis, cfg, () -> 1_000_000_000_000L);
    assertEquals(-1, backlog.entries(), "unknown before the first poll");
    await(StreamReader.ensureGroup(redis, cfg));
    await(backlog.poll());
    assertEquals(0, backlog.entries());
    assertEquals(0, backlog.pending());
    assertEquals(0, backlog.lag());
    assertEquals(0.0, backlog.oldestAgeSeconds());

    for (long ms : new long[] {999_999_990_000L, 999_999_995_000L, 999_999_999_000L}) {
      await(redis.send(Request.cmd(Command.XADD).arg(cfg.stream()).arg(ms + "-0").arg("events").arg("[]")));
    }
    await(backlog.poll());
    assertEquals(3, backlog.entries());
    assertEquals(0, backlog.pending());
    assertEquals(3, backlog.lag());
    assertEquals(10.0, backlog.oldestAgeSeconds(), 1e-9);

    await(redis.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(cfg.group()).arg("c1").arg("COUNT").arg(2)
        .arg("STREAMS").arg(cfg.stream()).arg(">")));
    await(backlog.poll());
    assertEquals(2, backlog.pending());
    assertEquals(1, backlog.lag());

    await(redis.send(Request.cmd(Command.XACK).arg(cfg.stream()).arg(cfg.group()).arg("999999990000-0")));
    await(redis.send(Request.cmd(Command.XDEL).arg(cfg.stream()).arg("999999990000-0")));
    await(backlog.poll());
    assertEquals(2, backlog.entries());
    assertEquals(1, backlog.pending());
    assertEquals(5.0, backlog.oldestAgeSeconds(), 1e-9);
    assertEquals(0, backlog.pollErrors());

    server.close();
    try {
      await(backlog.poll());
    } catch (Exception expected) {
      // counted below
    }
    assertEquals(1, backlog.pollErrors());
    assertEquals(2, backlog.entries(), "the last values stay");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
