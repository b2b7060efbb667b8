package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One pending reconnect at a time, after the backoff; the backoff resets only after a healthy connection. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ReconnectsTest {

  @Test
  void aSecondScheduleWhileOneIsPendingDoesNothing(Vertx vertx, VertxTestContext ctx) {
    Backoff backoff = new Backoff(10, 10, new Random(1));
    RelayStats stats = new RelayStats("ws://r");
    Reconnects reconnects = new Reconnects(vertx, backoff, 60_000, stats, "ws://r");
    AtomicInteger runs = new AtomicInteger();
    vertx.runOnContext(v -> {
      reconnects.schedule(runs::incrementAndGet);
      reconnects.schedule(runs::incrementAndGet);
      vertx.setTimer(200, t -> ctx.verify(() -> {
        assertEquals(1, runs.get());
        assertEquals(1, backoff.attempts());
        ctx.completeNow();
      }));
    });
  }

  @Test
  void theBackoffResetsOnlyAfterAHealthyConnection(Vertx vertx, VertxTestContext ctx) {
    Backoff backoff = new Backoff(10, 1000, new Random(1));
    Reconnects reconnects = new Reconnects(vertx, backoff, 30, new RelayStats("ws://r"), "ws://r");
    Promise<Void> unhealthyChecked = Promise.promise();
    vertx.runOnContext(v -> {
      backoff.nextDelayMillis();
      backoff.nextDelayMillis();
      reconnects.connected();
      reconnects.unhealthy();
      vertx.setTimer(100, t -> {
        ctx.verify(() -> assertEquals(2, backoff.attempts(), "closed for misbehaving: no reset"));
        unhealthyChecked.complete();
      });
    });
    unhealthyChecked.future().onComplete(ctx.succeeding(v -> {
      reconnects.connected();
      vertx.setTimer(100, t -> ctx.verify(() -> {
        assertEquals(0, backoff.attempts(), "stayed up: reset");
        ctx.completeNow();
      }));
    }));
  }

  @Test
  void cancelledReconnectsNeverRun(Vertx vertx, VertxTestContext ctx) {
    Reconnects reconnects = new Reconnects(vertx, new Backoff(20, 20, new Random(1)), 60_000,
        new RelayStats("ws://r"), "ws://r");
    AtomicInteger runs = new AtomicInteger();
    vertx.runOnContext(v -> {
      reconnects.schedule(runs::incrementAndGet);
      reconnects.cancel();
      vertx.setTimer(200, t -> ctx.verify(() -> {
        assertTrue(runs.get() == 0);
        ctx.completeNow();
      }));
    });
  }
}
