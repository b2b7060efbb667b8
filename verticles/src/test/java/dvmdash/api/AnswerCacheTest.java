package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

  private final AtomicLong now = new AtomicLong(1_800_000_000L);   // on a minute boundary
  private final AtomicInteger computed = new AtomicInteger();

  private Supplier<Future<JsonObject>> query() {
    return () -> Future.succeededFuture(new JsonObject().put("n", computed.incrementAndGet()));
  }

  @Test
  void sameUriInTheSameMinuteIsComputedOnce() {
    AnswerCache cache = new AnswerCache(100);
    Buffer first = cache.get("/api/stats/global?range=30d", now.get(), query()).result();
    now.addAndGet(59);
    Buffer second = cache.get("/api/stats/global?range=30d", now.get(), query()).result();
    assertSame(first, second);
    assertEquals(1, computed.get());
    assertEquals(1, cache.hits());
    cache.get("/api/stats/global?range=24h", now.get(), query());
    assertEquals(2, computed.get(), "another URI is another answer");
  }

  @Test
  void aNewMinuteIsANewAnswer() {
    AnswerCache cache = new AnswerCache(100);
    cache.get("k", now.get(), query());
    now.addAndGet(60);
    assertEquals(2, cache.get("k", now.get(), query()).map(JsonObject::new).result().getInteger("n"));
  }

  @Test
  void concurrentRequestsShareOneComputation() {
    AnswerCache cache = new AnswerCache(100);
    Promise<JsonObject> slow = Promise.promise();
    AtomicInteger started = new AtomicInteger();
    Supplier<Future<JsonObject>> q = () -> {
      started.incrementAndGet();
      return slow.future();
    };
    Future<Buffer> a = cache.get("k", now.get(), q);
    Future<Buffer> b = cache.get("k", now.get(), q);
    assertEquals(1, started.get());
    slow.complete(new JsonObject().put("n", 7));
    assertSame(a.result(), b.result());
  }

  @Test
  void aCommitDropsEveryAnswerAndAnAnswerStillComputingIsNotKept() {
    AnswerCache cache = new AnswerCache(100);
    cache.get("done", now.get(), query());
    Promise<JsonObject> inFlight = Promise.promise();
    cache.get("computing", now.get(), () -> inFlight.future());
    cache.invalidate();
    inFlight.complete(new JsonObject().put("n", -1));
    assertEquals(2, cache.get("done", now.get(), query()).map(JsonObject::new).result().getInteger("n"));
    assertEquals(3, cache.get("computing", now.get(), query()).map(JsonObject::new).result().getInteger("n"),
        "an answer begun before the commit may predate it");
  }

  @Test
  void aFailedAnswerIsComputedAgain() {
    AnswerCache cache = new AnswerCache(100);
    assertTrue(cache.get("k", now.get(), () -> Future.failedFuture("pg down")).failed());
    assertEquals(1, cache.get("k", now.get(), query()).map(JsonObject::new).result().getInteger("n"));
    assertEquals(0, cache.hits());
  }

  @Test
  void boundedLeastRecentlyUsedFirst() {
    AnswerCache cache = new AnswerCache(2);
    cache.get("a", now.get(), query());
    cache.get("b", now.get(), query());
    cache.get("a", now.get(), query());      // a is now the most recent
    cache.get("c", now.get(), query());      // evicts b
    assertEquals(2, cache.size());
    assertEquals(1, cache.get("a", now.get(), query()).map(JsonObject::new).result().getInteger("n"));
    assertEquals(4, cache.get("b", now.get(), query()).map(JsonObject::new).result().getInteger("n"), "b was evicted");
  }

  @Test
  void noCacheComputesForThisRequestAndSharesThatAnswer() {
    AnswerCache cache = new AnswerCache(100);
    cache.get("k", now.get(), query());
    assertEquals(2, cache.refresh("k", now.get(), query()).map(JsonObject::new).result().getInteger("n"));
    assertEquals(2, cache.get("k", now.get(), query()).map(JsonObject::new).result().getInteger("n"));
  }

  @Test
  void capacityZeroSharesNothing() {
    AnswerCache cache = new AnswerCache(0);
    cache.get("k", now.get(), query());
    cache.get("k", now.get(), query());
    assertEquals(2, computed.get());
    assertEquals(0, cache.size());
  }
}
