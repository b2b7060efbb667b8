package dvmdash.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.ProcessorConfig;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.store.RollupRepository.Applied;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grouping taken batches by size and wait, the parallel limit, answers, and the drain before a stop. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class BatchSchedulerTest {

  /** A taken batch of {@code n} sightings, recording its answer. */
  static final class FakeTaken implements BatchScheduler.Taken {
    final List<ReceivedEvent> events = new ArrayList<>();
    final Promise<Integer> answer = Promise.promise();

    FakeTaken(String prefix, int n) {
      for (int i = 0; i < n; i++) {
        events.add(ReceivedEvent.sighting(prefix + i, "wss://r", System.currentTimeMillis()));
      }
    }

    @Override
    public List<ReceivedEvent> events() {
      return events;
    }

    @Override
    public void reply(int newEvents) {
      answer.complete(newEvents);
    }

    @Override
    public void fail(String message) {
      answer.fail(message);
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<List<ReceivedEvent>> processed = new ArrayList<>();
  private final List<Integer> committed = new ArrayList<>();

  private BatchScheduler scheduler(Vertx vertx, ProcessorConfig cfg,
                                   Function<List<ReceivedEvent>, Future<Applied>> process) {
    return new BatchScheduler(vertx, cfg, received -> {
      processed.add(received);
      return process.apply(received);
    }, new ProcessorMetrics(registry), (applied, received, nanos) -> committed.add(received));
  }

  private static Future<Applied> allNew(List<ReceivedEvent> received) {
    return Future.succeededFuture(new Applied(List.of(), List.of(), Map.of()));
  }

  @Test
  void aFullBatchIsProcessedAtOnceAndEverySenderAnswered(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      BatchScheduler s = scheduler(vertx, new ProcessorConfig(5, 60_000, 2), BatchSchedulerTest::allNew);
      FakeTaken a = new FakeTaken("a", 2);
      FakeTaken b = new FakeTaken("b", 3);
      s.add(a);
      ctx.verify(() -> assertTrue(processed.isEmpty(), "2 of 5 events wait"));
      s.add(b);
      ctx.verify(() -> {
        assertEquals(1, processed.size());
        assertEquals(5, processed.get(0).size());
        assertEquals(List.of(5), committed, "told after the answers");
      });
      Future.all(a.answer.future(), b.answer.future()).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertEquals(1, registry.get("dvmdash_batch_events").summary().count());
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aPartialBatchIsProcessedAfterTheMaximumWait(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      BatchScheduler s = scheduler(vertx, new ProcessorConfig(100, 50, 1), BatchSchedulerTest::allNew);
      FakeTaken a = new FakeTaken("a", 1);
      s.add(a);
      a.answer.future().onComplete(ctx.succeeding(n -> ctx.verify(() -> {
        assertEquals(1, processed.size());
        assertEquals(1, processed.get(0).size());
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aFailedBatchFailsEverySenderAndIsCounted(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      BatchScheduler s = scheduler(vertx, new ProcessorConfig(1, 60_000, 1),
          received -> Future.failedFuture("database down"));
      FakeTaken a = new FakeTaken("a", 1);
      s.add(a);
      a.answer.future().onComplete(ctx.failing(err -> ctx.verify(() -> {
        assertEquals("batch failed: database down", err.getMessage());
        assertEquals(1.0, registry.get("dvmdash_batch_failures_total").counter().count());
        assertTrue(committed.isEmpty());
        ctx.completeNow();
      })));
    });
  }

  @Test
  void noMoreThanTheParallelLimitRunAndDrainAnswersEverythingTaken(Vertx vertx, VertxTestContext ctx) {
    Promise<Applied> first = Promise.promise();
    vertx.runOnContext(v -> {
      BatchScheduler s = scheduler(vertx, new ProcessorConfig(1, 60_000, 1),
          received -> processed.size() == 1 ? first.future() : allNew(received));
      FakeTaken a = new FakeTaken("a", 1);
      FakeTaken b = new FakeTaken("b", 1);
      FakeTaken c = new FakeTaken("c", 1);
      s.add(a);
      s.add(b);
      s.add(c);
      ctx.verify(() -> assertEquals(1, processed.size(), "one batch at a time"));
      Future<Void> drained = s.drain(Future.succeededFuture(), 10);
      first.complete(new Applied(List.of(), List.of(), Map.of()));
      drained.onComplete(ctx.succeeding(done -> ctx.verify(() -> {
        assertTrue(a.answer.future().succeeded() && b.answer.future().succeeded() && c.answer.future().succeeded());
        assertEquals(2, processed.size(), "b and c pending together form the second batch");
        ctx.completeNow();
      })));
    });
  }
}
