package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebhookNotifierTest {

  private static final JsonObject CHANGE = new JsonObject().put("pubkey", "ab".repeat(32)).put("state", "down")
      .put("previous", "up").put("at", 1_795_500_300L).put("cause", "no heartbeat");

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void retriesAfter500UntilDelivered(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    List<JsonObject> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      bodies.add(b.toJsonObject());
      req.response().setStatusCode(calls.incrementAndGet() <= 2 ? 500 : 204).end();
    }));
    server.listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      WebhookNotifier n = new WebhookNotifier(vertx, "http://127.0.0.1:" + s.actualPort() + "/hook?x=1", 5, 50);
      n.send(CHANGE);
      vertx.setPeriodic(50, id -> {
        if (n.delivered.get() == 1) {
          vertx.cancelTimer(id);
          ctx.verify(() -> {
            assertEquals(3, calls.get());
            assertEquals(2, n.retried.get());
            assertEquals(0, n.failed.get());
            assertEquals(List.of(CHANGE, CHANGE, CHANGE), bodies);
          });
          ctx.completeNow();
        }
      });
    }));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void givesUpAfterTheRetriesAndCountsTheFailure(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    vertx.createHttpServer().requestHandler(req -> {
      calls.incrementAndGet();
      req.response().setStatusCode(503).end();
    }).listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      WebhookNotifier n = new WebhookNotifier(vertx, "http://127.0.0.1:" + s.actualPort() + "/", 2, 20);
      n.send(CHANGE);
      vertx.setPeriodic(50, id -> {
        if (n.failed.get() == 1) {
          vertx.cancelTimer(id);
          ctx.verify(() -> assertEquals(3, calls.get()));
          ctx.completeNow();
        }
      });
    }));
  }

  @Test
  void backoffDoublesUpToAMinuteAndUrlsAreChecked(Vertx vertx) {
    assertEquals(1_000, WebhookNotifier.backoffMillis(1_000, 0));
    assertEquals(8_000, WebhookNotifier.backoffMillis(1_000, 3));
    assertEquals(60_000, WebhookNotifier.backoffMillis(1_000, 30));
    assertThrows(IllegalArgumentException.class, () -> new WebhookNotifier(vertx, "ftp://x/", 1, 1));
  }
}
