package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The connections addressed as one, before any of them connected. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RelayConnectionsTest {

  private static final String FAST = "ws://127.0.0.1:9/fast";
  private static final String SLOW = "ws://127.0.0.1:9/slow";

  @TempDir
  Path dir;

  private final EventSink sink = new EventSink() {
    @Override
    public void accept(ReceivedEvent event) {
    }

    @Override
    public void whenAcknowledged(Runnable action) {
      action.run();
    }
  };

  @Test
  void statusCarriesTheActivityMarkAndNothingIsWrittenWhileDisconnected(Vertx vertx, VertxTestContext ctx) {
    CollectorConfig cfg = CollectorConfig.fromJson(new JsonObject().put("relays", new JsonArray().add(FAST).add(SLOW))
        .put("cursor_file", dir.resolve("cursors.json").toString()));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions());
    SubscriptionPlan plan = SubscriptionPlan.initial(cfg.excludedKinds(), cfg.kindsPerFilter());
    FrameHandler frames = new FrameHandler(cfg, plan.kindSet());
    RelayConnections connections = new RelayConnections(Set.of(FAST));
    CursorStore.load(vertx, Path.of(cfg.cursorFile()), 60_000)
        .compose(cursors -> {
          for (String url : cfg.relays()) {
            connections.add(new RelayConnection(vertx, client, url, cfg, frames, plan, cursors, List::of, sink,
                new Backoff(1000, 1000, new Random(1))));
          }
          JsonArray status = connections.status();
          ctx.verify(() -> {
            assertEquals(2, status.size());
            assertEquals(FAST, status.getJsonObject(0).getString("url"));
            assertEquals("high", status.getJsonObject(0).getString("activity"));
            assertEquals("normal", status.getJsonObject(1).getString("activity"));
            assertFalse(status.getJsonObject(1).getBoolean("connected"));
            assertEquals(2, connections.stats().size());
            assertEquals(0, connections.publish(new JsonObject().put("id", "x")));
          });
          return connections.lookup("e".repeat(64), 1000);
        })
        .compose(asked -> {
          ctx.verify(() -> assertEquals(2, asked, "every relay asked, none connected"));
          return connections.stop();
        })
        .onComplete(ctx.succeedingThenComplete());
  }
}
