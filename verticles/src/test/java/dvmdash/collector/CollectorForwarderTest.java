package dvmdash.collector;

import static dvmdash.collector.TestEvents.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.Addresses;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link IngestForwarder}: batching, retry of the same batch, cursor advance in send order, pause and resume. */
@ExtendWith(VertxExtension.class)
class CollectorForwarderTest {

  static final String R1 = "wss://one.example";
  static final String R2 = "wss://two.example";
  static final EventSigner SIGNER = EventSigner.fromSeed(3);

  @TempDir
  Path dir;

  final List<Message<IngestBatch>> held = new CopyOnWriteArrayList<>();
  final AtomicInteger pauses = new AtomicInteger();
  final AtomicInteger resumes = new AtomicInteger();

  @BeforeEach
  void codec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
  }

  static ReceivedEvent event(String relay, long createdAt) {
    NostrEvent e = SIGNER.sign(createdAt, 7000, List.of(), "");
    return ReceivedEvent.of(e, relay, 0);
  }

  IngestForwarder forwarder(Vertx vertx, CursorStore store, int batch, int maxInFlight) {
    return new IngestForwarder(vertx, batch, 5, maxInFlight, store, new Backoff(5, 20, new Random(1)),
        pauses::incrementAndGet, resumes::incrementAndGet);
  }

  @Test
  void failedBatchIsRetriedUnchangedAndCursorAdvancesAfterReply(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<IngestBatch> seen = new CopyOnWriteArrayList<>();
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, msg -> {
      calls.incrementAndGet();
      if (msg.body().events().size() == 3) {
        seen.add(msg.body());
      }
      if (msg.body().events().size() == 3 && failures.incrementAndGet() <= 2) {
        msg.fail(500, "database down");
      } else {
        msg.reply("ok");
      }
    });
    CursorStore.load(vertx, dir.resolve("c.json"), 60_000).onComplete(ctx.succeeding(store -> {
      IngestForwarder f = forwarder(vertx, store, 3, 100);
      vertx.runOnContext(v -> {
        f.accept(event(R1, 100));
        f.accept(event(R1, 300));
        f.accept(event(R2, 200));
        f.accept(ReceivedEvent.sighting("ab".repeat(32), R2, 0));
        ctx.verify(() -> assertEquals(OptionalLong.empty(), store.cursor(R1)));
      });
      until(vertx, () -> calls.get() >= 4 && f.inFlight() == 0).onComplete(ctx.succeeding(x -> ctx.verify(() -> {
        assertEquals(3, seen.size(), "first batch: failed, failed, acknowledged");
        assertSame(seen.get(0), seen.get(1), "same batch retried");
        assertSame(seen.get(0), seen.get(2), "same batch retried again");
        assertEquals(2, f.retries());
        assertEquals(OptionalLong.of(300), store.cursor(R1));
        assertEquals(OptionalLong.of(200), store.cursor(R2));
        ctx.completeNow();
      })));
    }));
  }

  @Test
  void cursorWaitsForEarlierBatches(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, held::add);
    CursorStore.load(vertx, dir.resolve("c.json"), 60_000).onComplete(ctx.succeeding(store -> {
      IngestForwarder f = forwarder(vertx, store, 1, 100);
      vertx.runOnContext(v -> {
        f.accept(event(R1, 100));
        f.accept(event(R1, 500));
      });
      until(vertx, () -> held.size() == 2)
          .compose(v -> {
            held.get(1).reply("ok");
            return until(vertx, () -> f.inFlight() == 1);
          })
          .compose(v -> {
            ctx.verify(() -> assertFalse(store.cursor(R1).isPresent(), "batch 1 still unacknowledged"));
            held.get(0).reply("ok");
            return until(vertx, () -> f.inFlight() == 0);
          })
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(OptionalLong.of(500), store.cursor(R1));
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void pausesAtLimitAndResumesAtHalf(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, held::add);
    CursorStore.load(vertx, dir.resolve("c.json"), 60_000).onComplete(ctx.succeeding(store -> {
      IngestForwarder f = forwarder(vertx, store, 2, 8);
      vertx.runOnContext(v -> {
        for (int i = 0; i < 8; i++) {
          f.accept(event(R1, 100 + i));
        }
        ctx.verify(() -> {
          assertTrue(f.paused());
          assertEquals(1, pauses.get());
        });
      });
      until(vertx, () -> held.size() == 4)
          .compose(v -> {
            held.get(0).reply("ok");
            return until(vertx, () -> f.inFlight() == 6);
          })
          .compose(v -> {
            ctx.verify(() -> assertEquals(0, resumes.get(), "6 > 8/2: still paused"));
            held.get(1).reply("ok");
            return until(vertx, () -> f.inFlight() == 4);
          })
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(1, resumes.get());
            assertFalse(f.paused());
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void largeEventsPauseAtTheByteLimitLongBeforeTheCountLimit(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, held::add);
    CursorStore.load(vertx, dir.resolve("c.json"), 60_000).onComplete(ctx.succeeding(store -> {
      IngestForwarder f = new IngestForwarder(vertx, 100, 5, 20_000, 1_000_000, store,
          new Backoff(5, 20, new Random(1)), pauses::incrementAndGet, resumes::incrementAndGet);
      vertx.runOnContext(v -> {
        for (int i = 0; i < 5; i++) {
          f.accept(ReceivedEvent.of(SIGNER.sign(100 + i, 6100, List.of(), "x".repeat(240_000)), R1, 0));
        }
        ctx.verify(() -> {
          assertTrue(f.paused(), "5 events of 240 KB: paused at 1 MB in flight");
          assertEquals(1, pauses.get());
          assertTrue(f.inFlightBytes() >= 1_000_000, "bytes " + f.inFlightBytes());
        });
      });
      until(vertx, () -> held.size() == 5)
          .compose(v -> {
            held.forEach(m -> m.reply("ok"));
            return until(vertx, () -> f.inFlight() == 0);
          })
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(0, f.inFlightBytes());
            assertFalse(f.paused());
            assertEquals(1, resumes.get());
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void eventsWaitingWithoutAcknowledgementReportHowLongTheyStalled(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, held::add);
    CursorStore.load(vertx, dir.resolve("c.json"), 60_000).onComplete(ctx.succeeding(store -> {
      IngestForwarder f = forwarder(vertx, store, 1, 100);
      vertx.runOnContext(v -> {
        long now = System.currentTimeMillis();
        ctx.verify(() -> assertEquals(0, f.stalledMillis(now + 600_000), "nothing waiting, nothing stalled"));
        f.accept(event(R1, 100));
        ctx.verify(() -> assertTrue(f.stalledMillis(now + 600_000) >= 590_000, "waiting 10 minutes"));
      });
      until(vertx, () -> held.size() == 1)
          .compose(v -> {
            held.get(0).reply("ok");
            return until(vertx, () -> f.inFlight() == 0);
          })
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(0, f.stalledMillis(System.currentTimeMillis() + 600_000));
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void whenAcknowledgedRunsAfterEarlierEventsCommitted(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, held::add);
    AtomicInteger ran = new AtomicInteger();
    CursorStore.load(vertx, dir.resolve("c.json"), 60_000).onComplete(ctx.succeeding(store -> {
      IngestForwarder f = forwarder(vertx, store, 100, 1000);
      vertx.runOnContext(v -> {
        f.whenAcknowledged(ran::incrementAndGet);
        ctx.verify(() -> assertEquals(1, ran.get(), "nothing outstanding: runs at once"));
        f.accept(event(R1, 1));
        f.whenAcknowledged(ran::incrementAndGet);
        f.accept(event(R1, 2));
      });
      until(vertx, () -> held.size() >= 1)
          .compose(v -> {
            ctx.verify(() -> assertEquals(1, ran.get()));
            held.get(0).reply("ok");
            return until(vertx, () -> ran.get() == 2);
          })
          .compose(v -> until(vertx, () -> held.size() == 2))
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertEquals(2, ran.get(), "the later event is not awaited");
            ctx.completeNow();
          })));
    }));
  }
}
