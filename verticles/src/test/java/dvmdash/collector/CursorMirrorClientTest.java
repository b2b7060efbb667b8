package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A single node mirrors nothing; a cluster's collector mirrors to the configured Redis. */
@ExtendWith(VertxExtension.class)
class CursorMirrorClientTest {

  @Test
  void noMirrorWithoutRedisUrl(Vertx vertx, VertxTestContext ctx) {
    CursorMirrorClient client = CursorMirrorClient.fromConfig(vertx, new JsonObject());
    assertSame(CursorMirror.NONE, client.mirror());
    client.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theClusterRedisWhenConfigured(Vertx vertx, VertxTestContext ctx) {
    CursorMirrorClient client = CursorMirrorClient.fromConfig(vertx, new JsonObject()
        .put(RelayCollectorVerticle.CURSOR_MIRROR_REDIS_URL, "redis://127.0.0.1:1")
        .put(RelayCollectorVerticle.CURSOR_MIRROR_STREAM, "dvmdash:test"));
    assertTrue(client.mirror() instanceof RedisCursorMirror);
    client.close().onComplete(ar -> ctx.completeNow());
  }
}
