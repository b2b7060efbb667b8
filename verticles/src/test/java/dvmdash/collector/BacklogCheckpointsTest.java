package dvmdash.collector;

import static dvmdash.collector.TestEvents.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay's backlog progress is saved while it still streams (before EOSE): a restart asks only for the part that may
 * be missing, the cursor never moves past what was acknowledged, and nothing is lost.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BacklogCheckpointsTest {

  private static final long NOW = System.currentTimeMillis() / 1000;

  @TempDir
  Path dir;

  /** Acknowledges at once, or (held) only when the test releases the callbacks. */
  static final class Sink implements EventSink {
    final List<ReceivedEvent> accepted = new CopyOnWriteArrayList<>();
    final List<Runnable> pending = new ArrayList<>();
    boolean hold;

    @Override
    public void accept(ReceivedEvent event) {
      accepted.add(event);
    }

    @Override
    public void whenAcknowledged(Runnable action) {
      if (hold) {
        pending.add(action);
      } else {
        action.run();
      }
    }

    Set<String> ids() {
      Set<String> out = new HashSet<>();
      accepted.forEach(e -> out.add(e.eventId()));
      return out;
    }
  }

  private CollectorConfig config(FakeRelay relay) {
    return CollectorConfig.fromJson(new JsonObject()
        .put("relays", new JsonArray().add(relay.url()))
        .put("eose_timeout_millis", 60_000)
        .put("backoff_min_millis", 60_000)
        .put("backoff_max_millis", 60_000)
        .put("backlog_checkpoint_events", 10)
        .put("cursor_file", dir.resolve("cursors.json").toString()));
  }

  private RelayConnection connection(Vertx vertx, CollectorConfig cfg, CursorStore cursors, EventSink sink) {
    SubscriptionPlan plan = SubscriptionPlan.initial(cfg.excludedKinds(), cfg.kindsPerFilter());
    RelayConnection c = new RelayConnection(vertx, vertx.createWebSocketClient(new WebSocketClientOptions()),
        cfg.relays().get(0), cfg, new FrameHandler(cfg, plan.kindSet()), plan, cursors, List::of, sink,
        new Backoff(60_000, 60_000, new Random(1)));
    c.start();
    return c;
  }

  /** 60 events three thousand seconds apart, the newest 23,000 s ago. */
  private static Set<String> store(FakeRelay relay) {
    EventSigner dvm = EventSigner.fromSeed(5);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      var e = dvm.sign(NOW - 200_000 + i * 3_000L, 7000, List.of(), "n" + i);
      ids.add(e.id());
      relay.store(TestEvents.json(e));
    }
    return ids;
  }

  @Test
  void aRestartDuringALongBacklogFetchesOnlyTheGap(Vertx vertx, VertxTestContext ctx) {
    FakeRelay relay = new FakeRelay(vertx).newestFirst().streamEvery(25);
    Set<String> all = store(relay);
    Path file = dir.resolve("cursors.json");
    Sink first = new Sink();
    Sink second = new Sink();
    List<RelayConnection> conns = new ArrayList<>();
    List<CursorStore> stores = new ArrayList<>();
    int[] reqsBefore = new int[1];
    relay.start()
        .compose(r -> CursorStore.load(vertx, file, 60_000))
        .compose(store -> {
          stores.add(store);
          conns.add(connection(vertx, config(relay), store, first));
          return until(vertx, () -> first.accepted.size() >= 30 && store.backlog(relay.url()).isPresent());
        })
        // the node dies in the middle of the backlog (no EOSE yet): its last written state is what a restart reads
        .compose(v -> conns.get(0).stop())
        .compose(v -> stores.get(0).flush())
        .compose(v -> CursorStore.load(vertx, file, 60_000))
        .compose(store -> {
          stores.add(store);
          ctx.verify(() -> {
            assertEquals(OptionalLong.empty(), store.cursor(relay.url()),
                "the cursor does not move before the whole backlog is stored");
            assertTrue(store.backlog(relay.url()).isPresent(), "the progress survived the restart");
          });
          reqsBefore[0] = relay.reqs().size();
          conns.add(connection(vertx, config(relay), store, second));
          return until(vertx, () -> store.backlog(relay.url()).isEmpty() && conns.get(1).stats().eoseReceived() >= 1);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          conns.get(1).stop();
          SavedBacklog saved = savedOf(relay, reqsBefore[0]);
          List<JsonArray> reqs = relay.reqs().subList(reqsBefore[0], relay.reqs().size());
          JsonObject gap = reqs.stream().filter(r -> r.getString(1).startsWith("gap")).findFirst().orElseThrow()
              .getJsonObject(2);
          JsonObject main = reqs.stream().filter(r -> r.getString(1).startsWith("dvm")).findFirst().orElseThrow()
              .getJsonObject(2);
          assertEquals(saved.since(), gap.getLong("since"));
          assertEquals(saved.until(), gap.getLong("until"));
          assertEquals(saved.newest() - 600, main.getLong("since"), "the rest resumes from the newest stored");
          assertTrue(second.accepted.size() < 45, "not the whole backlog again: " + second.accepted.size());
          Set<String> union = new HashSet<>(first.ids());
          union.addAll(second.ids());
          assertEquals(all, union, "nothing lost");
          assertEquals(OptionalLong.of(NOW - 200_000 + 59 * 3_000L), stores.get(1).cursor(relay.url()),
              "once the gap is stored the cursor reaches the newest event");
          ctx.completeNow();
        })));
  }

  /** The gap the second connection asked for, as saved (read back from its REQ). */
  private static SavedBacklog savedOf(FakeRelay relay, int from) {
    JsonObject gap = relay.reqs().subList(from, relay.reqs().size()).stream()
        .filter(r -> r.getString(1).startsWith("gap")).findFirst().orElseThrow().getJsonObject(2);
    JsonObject main = relay.reqs().subList(from, relay.reqs().size()).stream()
        .filter(r -> r.getString(1).startsWith("dvm")).findFirst().orElseThrow().getJsonObject(2);
    return new SavedBacklog(gap.getLong("since"), gap.getLong("until"), main.getLong("since") + 600);
  }

  @Test
  void progressIsSavedOnlyOnceTheEventsBeforeItAreAcknowledged(Vertx vertx, VertxTestContext ctx) {
    FakeRelay relay = new FakeRelay(vertx).newestFirst().streamEvery(25);
    store(relay);
    Sink sink = new Sink();
    sink.hold = true;
    List<CursorStore> stores = new ArrayList<>();
    relay.start()
        .compose(r -> CursorStore.load(vertx, dir.resolve("cursors.json"), 60_000))
        .compose(store -> {
          stores.add(store);
          connection(vertx, config(relay), store, sink);
          return until(vertx, () -> sink.accepted.size() >= 20);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          CursorStore store = stores.get(0);
          assertEquals(Optional.empty(), store.backlog(relay.url()), "nothing acknowledged, nothing saved");
          assertTrue(sink.pending.size() >= 2, "checkpoints wait for the acknowledgement: " + sink.pending.size());
          sink.pending.get(0).run();
          SavedBacklog saved = store.backlog(relay.url()).orElseThrow();
          assertEquals(NOW - 200_000 + 59 * 3_000L, saved.newest());
          assertEquals(NOW - 200_000 + 50 * 3_000L + 600, saved.until(), "the tenth newest event, plus the margin");
          assertEquals(OptionalLong.empty(), store.cursor(relay.url()));
          ctx.completeNow();
        })));
  }

  @Test
  void aBacklogThatIsNotNewestFirstCountsOnlyAtEose(Vertx vertx, VertxTestContext ctx) {
    FakeRelay relay = new FakeRelay(vertx).streamEvery(5);
    store(relay);
    Sink sink = new Sink();
    List<CursorStore> stores = new ArrayList<>();
    List<Boolean> everSaved = new CopyOnWriteArrayList<>();
    relay.start()
        .compose(r -> CursorStore.load(vertx, dir.resolve("cursors.json"), 60_000))
        .compose(store -> {
          stores.add(store);
          RelayConnection c = connection(vertx, config(relay), store, sink);
          return until(vertx, () -> {
            everSaved.add(store.backlog(relay.url()).isPresent());
            return c.stats().eoseReceived() >= 1;
          });
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(everSaved.stream().noneMatch(b -> b), "oldest first: no gap can be inferred");
          assertEquals(60, sink.accepted.size());
          assertEquals(Optional.empty(), stores.get(0).backlog(relay.url()));
          ctx.completeNow();
        })));
  }
}
