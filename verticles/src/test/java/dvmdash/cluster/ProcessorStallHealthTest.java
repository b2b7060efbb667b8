package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.health.Liveness;
import dvmdash.servers.RedisProcess;
import dvmdash.shared.Addresses;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.store.RedisClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor-only node (Redis queue, no collector): when the processor does not commit what the stream reader hands
 * it, {@code /health}'s liveness checks name the problem once {@code processor.health_stall_seconds} have passed
 * (the clock is the test's); a commit clears it.
 */
class ProcessorStallHealthTest {

  private static final long LIMIT_MILLIS = 180_000;

  @TempDir
  Path dir;
  private RedisProcess server;
  private Vertx vertx;
  private Redis redis;
  private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
  private final LinkedBlockingQueue<Message<IngestBatch>> handed = new LinkedBlockingQueue<>();
  private JsonObject root;

  @BeforeEach
  void setUp() throws Exception {
    server = RedisProcess.start(dir.resolve("redis"));
    vertx = Vertx.vertx();
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
    // the processor: takes batches and answers only when the test says so
    get(vertx.eventBus().<IngestBatch>consumer(Addresses.PROCESS_EVENTS, handed::add).completion());
    root = new JsonObject().put("node_id", "processor-1")
        .put("redis", new JsonObject().put("url", server.url()).put("stream", "stall:test")
            .put("claim_idle_ms", 3_600_000).put("reads_in_flight", 1))
        .put("processor", new JsonObject().put("health_stall_seconds", LIMIT_MILLIS / 1000));
    redis = RedisClients.create(vertx, QueueConfig.fromJson(root), 2);
    get(vertx.deployVerticle(new StreamReaderVerticle(clock::get), new DeploymentOptions().setConfig(root)));
  }

  @AfterEach
  void tearDown() throws Exception {
    get(vertx.close());
    server.close();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private Message<IngestBatch> appendAndAwaitHandOver(int salt) throws Exception {
    EventSigner signer = EventSigner.fromSeed(21);
    ReceivedEvent e = ReceivedEvent.of(signer.sign(1_700_000_000L + salt, 5300, List.of(), "job " + salt),
        "wss://a", 1);
    get(new RedisEventQueue(redis, QueueConfig.fromJson(root)).append(List.of(e)));
    Message<IngestBatch> m = handed.poll(30, TimeUnit.SECONDS);
    assertTrue(m != null, "the reader hands the entry to the processor");
    return m;
  }

  private List<String> problems() {
    return Liveness.of(vertx).problems();
  }

  @Test
  void aProcessorThatNeverCommitsTurnsHealthToStalled() throws Exception {
    assertEquals(List.of(), problems());
    Message<IngestBatch> batch = appendAndAwaitHandOver(1);
    clock.addAndGet(LIMIT_MILLIS - 1_000);
    assertEquals(List.of(), problems(), "not yet: the limit has not passed");
    clock.addAndGet(2_000);
    List<String> p = problems();
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("processor: "), p.get(0));

    batch.reply(new JsonObject());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!problems().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of(), problems(), "a commit is progress");
    clock.addAndGet(10 * LIMIT_MILLIS);
    assertEquals(List.of(), problems(), "an idle processor with nothing waiting is alive");
  }

  @Test
  void aProcessorThatFailsEveryBatchStaysStalledBetweenRetries() throws Exception {
    appendAndAwaitHandOver(2).fail(500, "store is closed");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    clock.addAndGet(LIMIT_MILLIS + 1_000);
    while (problems().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, problems().size(), "the failed entries still wait in the stream: no progress");
  }
}
