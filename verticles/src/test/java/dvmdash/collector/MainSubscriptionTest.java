package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Re-subscribing finer on a refusal, not on other CLOSED reasons; the last EOSE ends the wait. */
@ExtendWith(VertxExtension.class)
class MainSubscriptionTest {

  private static final String URL = "ws://127.0.0.1:9/r";

  @TempDir
  Path dir;

  private final List<String> written = new ArrayList<>();
  private final RelayStats stats = new RelayStats(URL);
  private final EventSink sink = new EventSink() {
    @Override
    public void accept(ReceivedEvent event) {
    }

    @Override
    public void whenAcknowledged(Runnable action) {
      action.run();
    }
  };

  private List<String> sent(String type) {
    List<String> out = new ArrayList<>();
    for (String f : written) {
      JsonArray a = new JsonArray(f);
      if (a.getString(0).equals(type)) {
        out.add(a.getString(1));
      }
    }
    return out;
  }

  @Test
  void aRefusalSplitsOtherClosedReasonsDoNotAndTheLastEoseEndsTheWait(Vertx vertx, VertxTestContext ctx) {
    CollectorConfig cfg = CollectorConfig.fromJson(new JsonObject().put("relays", new JsonArray().add(URL))
        .put("cursor_file", dir.resolve("cursors.json").toString()));
    SubscriptionPlan initial = SubscriptionPlan.initial(cfg.excludedKinds(), cfg.kindsPerFilter());
    CursorStore.load(vertx, Path.of(cfg.cursorFile()), 60_000).onComplete(ctx.succeeding(cursors -> ctx.verify(() -> {
      MainSubscription main = new MainSubscription(vertx, URL, URL, cfg, initial, cursors,
          new BacklogCheckpoints(URL, cursors, sink, 1000, 600), stats, written::add);
      main.subscribe();
      List<String> first = sent("REQ");
      assertFalse(first.isEmpty());

      main.closed(first.get(0), "auth-required: sign in");
      assertEquals(initial, main.plan(), "not a refusal of the filter");
      main.closed("prof-0", "error: whatever");
      assertEquals(initial, main.plan(), "not the main subscription");
      assertEquals(2, stats.closedFrames());

      written.clear();
      main.closed(first.get(0), "error: too many kinds");
      assertNotEquals(initial, main.plan(), "re-subscribed finer");
      assertEquals(first, sent("CLOSE"), "the old REQs closed first");
      List<String> finer = sent("REQ");
      assertFalse(finer.isEmpty());

      for (int i = 0; i < finer.size() - 1; i++) {
        assertFalse(main.eose(finer.get(i)));
      }
      assertTrue(main.eose(finer.get(finer.size() - 1)), "the last EOSE");
      SubscriptionPlan settled = main.plan();
      main.notice("too many filters");
      assertEquals(settled, main.plan(), "a filter NOTICE after every EOSE changes nothing");
      assertEquals(1, stats.notices());
      main.cancel();
      ctx.completeNow();
    })));
  }
}
