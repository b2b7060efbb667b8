package dvmdash.collector;

import static dvmdash.collector.TestEvents.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.RejectReason;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One {@link RelayConnection} against a {@link FakeRelay} that misbehaves. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RelayConnectionTest {

  @TempDir
  Path dir;

  final List<ReceivedEvent> accepted = new CopyOnWriteArrayList<>();
  RelayConnection connection;
  WebSocketClient client;

  final EventSink sink = new EventSink() {
    @Override
    public void accept(ReceivedEvent event) {
      accepted.add(event);
    }

    @Override
    public void whenAcknowledged(Runnable action) {
      action.run();
    }
  };

  @AfterEach
  void tearDown() {
    if (connection != null) {
      connection.stop();
    }
  }

  CollectorConfig config(FakeRelay relay, JsonObject extra) {
    return CollectorConfig.fromJson(new JsonObject()
        .put("relays", new JsonArray().add(relay.url()))
        .put("max_event_bytes", 4096)
        .put("eose_timeout_millis", 60_000)
        .put("backoff_min_millis", 5)
        .put("backoff_max_millis", 60_000)
        .put("cursor_file", dir.resolve("cursors.json").toString())
        .mergeIn(extra));
  }

  io.vertx.core.Future<RelayConnection> connect(Vertx vertx, FakeRelay relay, CollectorConfig cfg, Backoff backoff) {
    int wire = 4 * cfg.maxEventBytes();
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(wire).setMaxMessageSize(wire));
    SubscriptionPlan plan = SubscriptionPlan.initial(cfg.excludedKinds(), cfg.kindsPerFilter());
    FrameHandler frames = new FrameHandler(cfg, plan.kindSet());
    return CursorStore.load(vertx, Path.of(cfg.cursorFile()), 60_000).map(cursors -> {
      connection = new RelayConnection(vertx, client, relay.url(), cfg, frames, plan, cursors, List::of, sink, backoff);
      connection.start();
      return connection;
    });
  }

  @Test
  void eoseDoesNotResetTheBackoffOfARelayThatKeepsDropping(Vertx vertx, VertxTestContext ctx) {
    Backoff backoff = new Backoff(5, 60_000, new Random(1));
    FakeRelay relay = new FakeRelay(vertx).closeAfterEose();
    relay.start()
        .compose(r -> connect(vertx, relay, config(relay, new JsonObject()), backoff))
        .compose(c -> until(vertx, () -> relay.connections.get() >= 5))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(connection.stats().eoseReceived() >= 4, "every connection got its EOSE");
          assertTrue(backoff.attempts() >= 4, "backoff keeps growing: " + backoff.attempts() + " attempts");
          ctx.completeNow();
        })));
  }

  @Test
  void aFrameAboveTheTransportLimitIsCountedAndBacksOff(Vertx vertx, VertxTestContext ctx) {
    Backoff backoff = new Backoff(5, 60_000, new Random(1));
    String giant = "[\"NOTICE\",\"" + "z".repeat(5 * 4096) + "\"]";
    FakeRelay relay = new FakeRelay(vertx).afterEose(ws -> ws.writeTextMessage(giant));
    relay.start()
        .compose(r -> connect(vertx, relay, config(relay, new JsonObject()), backoff))
        .compose(c -> until(vertx, () -> relay.connections.get() >= 4))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(connection.stats().invalid(RejectReason.OVERSIZED_MESSAGE) >= 3,
              "counted: " + connection.stats().toJson());
          assertTrue(backoff.attempts() >= 3, "backoff keeps growing: " + backoff.attempts() + " attempts");
          ctx.completeNow();
        })));
  }

  @Test
  void aFragmentedMessageAboveTheTransportLimitIsCountedAndBacksOff(Vertx vertx, VertxTestContext ctx) {
    Backoff backoff = new Backoff(5, 60_000, new Random(1));
    String part = "z".repeat(4096);
    FakeRelay relay = new FakeRelay(vertx).afterEose(ws -> {
      ws.writeFrame(WebSocketFrame.textFrame("[\"NOTICE\",\"" + part, false));
      for (int i = 0; i < 6; i++) {
        ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), false));
      }
      ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"]"), true));
    });
    relay.start()
        .compose(r -> connect(vertx, relay, config(relay, new JsonObject()), backoff))
        .compose(c -> until(vertx, () -> connection.stats().invalid(RejectReason.OVERSIZED_MESSAGE) >= 3
            && connection.stats().reconnects() >= 3))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(backoff.attempts() >= 3, "backoff keeps growing: " + backoff.attempts() + " attempts");
          ctx.completeNow();
        })));
  }

  @Test
  void aSlowBacklogThatKeepsStreamingIsNotTakenForARefusal(Vertx vertx, VertxTestContext ctx) {
    long now = System.currentTimeMillis() / 1000;
    EventSigner dvm = EventSigner.fromSeed(77);
    FakeRelay relay = new FakeRelay(vertx).streamEvery(40);
    for (int i = 0; i < 60; i++) {
      relay.store(TestEvents.json(dvm.sign(now - 1000 + i, 7000, List.of(), "n" + i)));
    }
    relay.start()
        .compose(r -> connect(vertx, relay, config(relay, new JsonObject().put("eose_timeout_millis", 1000)),
            new Backoff(5, 60_000, new Random(1))))
        .compose(c -> until(vertx, () -> connection.stats().eoseReceived() == 1))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(1, relay.reqs().size(), "no re-split while events arrive (2.4 s backlog, 1 s timeout)");
          assertEquals(60, accepted.size());
          ctx.completeNow();
        })));
  }

  @Test
  void aNoticeFloodIsCountedPerRelay(Vertx vertx, VertxTestContext ctx) {
    FakeRelay relay = new FakeRelay(vertx).afterEose(ws -> {
      for (int i = 0; i < 500; i++) {
        ws.writeTextMessage(new JsonArray().add("NOTICE").add("spam " + i).encode());
        ws.writeTextMessage(new JsonArray().add("CLOSED").add("x" + i).add("spam").encode());
      }
    });
    relay.start()
        .compose(r -> connect(vertx, relay, config(relay, new JsonObject()), new Backoff(5, 60_000, new Random(1))))
        .compose(c -> until(vertx, () -> connection.stats().closedFrames() == 500))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(500, connection.stats().notices());
          assertEquals(500L, connection.stats().toJson().getLong("closed"));
          assertTrue(connection.isOpen(), "a flood of NOTICEs does not close the connection");
          ctx.completeNow();
        })));
  }
}
