package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.servers.RedisProcess;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Redis stream queue against a real redis-server: dedup, backpressure, ack after processing, claiming. */
class RedisEventQueueTest {

  private static final EventSigner SIGNER = EventSigner.fromSeed(11);
  @TempDir
  static Path dir;
  private static RedisProcess server;
  private static int streamNo;
  private Vertx vertx;
  private Redis redis;
  private QueueConfig cfg;

  @BeforeAll
  static void startRedis() throws Exception {
    server = RedisProcess.start(dir.resolve("redis"));
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
    cfg = config(1000, 60_000);
    redis = RedisClients.create(vertx, cfg, 4);
  }

  private QueueConfig config(long highWater, long claimIdle) {
    return QueueConfig.fromJson(new JsonObject().put("redis", new JsonObject().put("url", server.url())
        .put("stream", "test:" + (++streamNo)).put("high_water", highWater).put("claim_idle_ms", claimIdle)
        .put("read_count", 4).put("reads_in_flight", 2)));
  }

  @AfterEach
  void tearDown() throws Exception {
    get(vertx.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static List<ReceivedEvent> events(int n, String relay, int salt) {
    List<ReceivedEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NostrEvent e = SIGNER.sign(1_700_000_000L + i, 5300, List.of(List.of("i", "job " + salt)), "n" + i);
      out.add(ReceivedEvent.of(e, relay, 1000 + i));
    }
    return out;
  }

  private long xlen() throws Exception {
    return get(redis.send(Request.cmd(Command.XLEN).arg(cfg.stream()))).toLong();
  }

  private long pending() throws Exception {
    return get(redis.send(Request.cmd(Command.XPENDING).arg(cfg.stream()).arg(cfg.group()))).get(0).toLong();
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void copiesFromAnotherCollectorBecomeSightings() throws Exception {
    RedisEventQueue collectorA = new RedisEventQueue(redis, cfg);
    RedisEventQueue collectorB = new RedisEventQueue(redis, cfg);
    List<ReceivedEvent> batch = events(5, "wss://a", 1);
    get(collectorA.append(batch));
    List<ReceivedEvent> copy = new ArrayList<>();
    batch.forEach(r -> copy.add(ReceivedEvent.of(r.event(), "wss://b", 9)));
    get(collectorB.append(copy));
    assertEquals(5, collectorA.appended());
    assertEquals(0, collectorB.appended());
    assertEquals(5, collectorB.suppressed());
    assertEquals(2, xlen());
    var entries = get(redis.send(Request.cmd(Command.XRANGE).arg(cfg.stream()).arg("-").arg("+")));
    List<ReceivedEvent> second = StreamEntryCodec.decode(entries.get(1).get(1).get(1).toString());
    assertTrue(second.stream().allMatch(ReceivedEvent::isSighting), "copies travel as sightings");
    assertEquals(StreamEntryCodec.decode(entries.get(0).get(1).get(1).toString()), batch);
  }

  @Test
  void aboveTheHighWaterMarkAppendsAreRefusedAndNothingIsTrimmed() throws Exception {
    cfg = config(2, 60_000);
    RedisEventQueue q = new RedisEventQueue(redis, cfg);
    get(q.append(events(3, "wss://a", 1)));
    get(q.append(events(3, "wss://a", 2)));
    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> get(q.append(events(3, "wss://a", 3))));
    assertInstanceOf(QueueFullException.class, refused.getCause());
    assertTrue(q.full());
    assertEquals(2, xlen());
    // the refused events were not marked as seen: once there is room they go in as full events
    get(redis.send(Request.cmd(Command.DEL).arg(cfg.stream())));
    get(q.append(events(3, "wss://a", 3)));
    assertEquals(9, q.appended());
  }

  @Test
  void entriesAreAcknowledgedAndDeletedOnlyAfterTheProcessorReplied() throws Exception {
    RedisEventQueue q = new RedisEventQueue(redis, cfg);
    List<ReceivedEvent> got = Collections.synchronizedList(new ArrayList<>());
    List<io.vertx.core.eventbus.Message<IngestBatch>> held = Collections.synchronizedList(new ArrayList<>());
    vertx.eventBus().<IngestBatch>consumer("test.process", held::add);
    StreamReader reader = new StreamReader(vertx, redis, cfg, "p1", "test.process", 60_000);
    get(StreamReader.ensureGroup(redis, cfg).compose(v -> reader.start()));
    get(q.append(events(10, "wss://a", 1)));
    get(q.append(events(10, "wss://a", 2)));
    await("both entries delivered", () -> held.stream().mapToInt(m -> m.body().events().size()).sum() == 20);
    assertEquals(2, xlen());
    assertEquals(2, pending());
    synchronized (held) {
      held.forEach(m -> {
        got.addAll(m.body().events());
        m.reply(m.body().events().size());
      });
    }
    await("acknowledged and deleted", () -> {
      try {
        return xlen() == 0 && pending() == 0;
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals(20, got.size());
    assertEquals(20, reader.processed());
    get(reader.stop());
  }

  @Test
  void entriesPendingOnADeadConsumerAreClaimedByAnother() throws Exception {
    cfg = config(1000, 500);
    RedisEventQueue q = new RedisEventQueue(redis, cfg);
    vertx.eventBus().<IngestBatch>consumer("dead.process", m -> {
      // a processor that died in the middle of the batch: never answers
    });
    StreamReader dead = new StreamReader(vertx, redis, cfg, "dead", "dead.process", 600_000);
    get(dead.start());
    get(q.append(events(7, "wss://a", 1)));
    await("the dead consumer took the entry", () -> {
      try {
        return pending() == 1;
      } catch (Exception e) {
        return false;
      }
    });
    dead.stop();
    List<ReceivedEvent> got = Collections.synchronizedList(new ArrayList<>());
    vertx.eventBus().<IngestBatch>consumer("live.process", m -> {
      got.addAll(m.body().events());
      m.reply(0);
    });
    StreamReader live = new StreamReader(vertx, redis, cfg, "live", "live.process", 60_000);
    get(live.start());
    await("the entry claimed and processed by the live consumer", () -> got.size() == 7);
    await("acknowledged", () -> {
      try {
        return pending() == 0 && xlen() == 0;
      } catch (Exception e) {
        return false;
      }
    });
    assertTrue(live.claimed() >= 1);
    get(live.stop());
  }

  @Test
  void aReaderCreatesItsGroupAgainWhenRedisLostIt() throws Exception {
    RedisEventQueue q = new RedisEventQueue(redis, cfg);
    List<ReceivedEvent> got = Collections.synchronizedList(new ArrayList<>());
    vertx.eventBus().<IngestBatch>consumer("regroup.process", m -> {
      got.addAll(m.body().events());
      m.reply(0);
    });
    StreamReader reader = new StreamReader(vertx, redis, cfg, "p1", "regroup.process", 60_000);
    get(reader.start());
    get(q.append(events(3, "wss://a", 1)));
    await("the first entry processed", () -> got.size() == 3);
    // what a Redis restart without its data leaves: no stream, no group
    get(redis.send(Request.cmd(Command.DEL).arg(cfg.stream())));
    get(q.append(events(4, "wss://a", 2)));
    await("the entry appended after the loss processed", () -> got.size() == 7);
    await("acknowledged", () -> {
      try {
        return pending() == 0 && xlen() == 0;
      } catch (Exception e) {
        return false;
      }
    });
    get(reader.stop());
  }
}
