package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.servers.RedisProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared relay cursors on a real redis-server: they only move forward, and a collector that takes over a relay
 * resumes from the newer of its own and the cluster's cursor.
 */
class RedisCursorMirrorTest {

  @TempDir
  Path dir;
  private RedisProcess server;
  private Vertx vertx;
  private Redis redis;

  @BeforeEach
  void start() throws Exception {
    server = RedisProcess.start(dir.resolve("redis"));
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, server.url());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void sharedCursorsNeverMoveBack() throws Exception {
    RedisCursorMirror mirror = new RedisCursorMirror(redis, "t");
    await(mirror.write(Map.of("wss://a", 100L, "wss://b", 50L)));
    await(mirror.write(Map.of("wss://a", 90L, "wss://b", 70L)));
    assertEquals(Map.of("wss://a", 100L, "wss://b", 70L), await(mirror.read()));
  }

  @Test
  void aNewOwnerResumesFromTheNewerCursor() throws Exception {
    RedisCursorMirror mirror = new RedisCursorMirror(redis, "t");
    CursorStore first = await(CursorStore.load(vertx, dir.resolve("first.json"), 10, mirror));
    java.util.concurrent.CompletableFuture<Void> flushed = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> {
      first.advance("wss://a", 1_000);
      first.advance("wss://b", 500);
      first.flush().onComplete(ar -> flushed.complete(null));
    });
    flushed.get(10, TimeUnit.SECONDS);
    CursorStore second = await(CursorStore.load(vertx, dir.resolve("second.json"), 10, mirror));
    assertEquals(OptionalLong.of(1_000), second.cursor("wss://a"));
    assertEquals(OptionalLong.of(500), second.cursor("wss://b"));
    assertEquals(OptionalLong.empty(), second.cursor("wss://c"));
  }
}
