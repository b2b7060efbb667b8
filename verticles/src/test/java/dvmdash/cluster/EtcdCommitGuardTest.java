package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.it.TestPostgres;
import dvmdash.servers.EtcdProcess;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.FencedException;
import dvmdash.store.RollupRepository;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors' commit lock against a real etcd and PostgreSQL: a kept-alive lease outlives its TTL, and a
 * processor whose lease expired cannot commit afterwards (lock check and PostgreSQL fence).
 */
class EtcdCommitGuardTest {

  private static final EventSigner SIGNER = EventSigner.fromSeed(31);
  @TempDir
  static Path dir;
  private static EtcdProcess etcd;
  private static int prefixNo;
  private Vertx vertx;
  private Pool pg;
  private RollupRepository rollups;
  private final List<Client> clients = new ArrayList<>();
  private String prefix;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdProcess.start(dir.resolve("etcd"));
  }

  @AfterAll
  static void stopEtcd() {
    etcd.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    pg = TestPostgres.migratedPool(vertx);
    rollups = new RollupRepository(pg);
    prefix = "/test" + (++prefixNo) + "/";
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(Client::close);
    get(pg.close());
    get(vertx.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private LeaseKeeper lease(long ttl) throws Exception {
    Client c = EtcdClients.create(EtcdConfig.fromJson(new JsonObject().put("etcd",
        new JsonObject().put("endpoints", etcd.endpoint()))));
    clients.add(c);
    LeaseKeeper k = new LeaseKeeper(vertx, c, ttl);
    get(k.start());
    return k;
  }

  private EtcdCommitGuard guard(LeaseKeeper k) {
    return new EtcdCommitGuard(vertx, clients.get(clients.size() - 1), k, prefix, 30_000);
  }

  private static List<NostrEvent> requests(int n, int salt) {
    List<NostrEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(SIGNER.sign(1_700_000_000L + i, 5300, List.of(List.of("i", "s" + salt)), "r" + i));
    }
    return out;
  }

  private long seen() throws Exception {
    return get(pg.query("SELECT count(*) FROM seen_events").execute()).iterator().next().getLong(0);
  }

  private long fenceToken() throws Exception {
    return get(pg.query("SELECT token FROM rollup_fence").execute()).iterator().next().getLong(0);
  }

  @Test
  void keepAlivesHoldTheLeaseBeyondItsTtl() throws Exception {
    LeaseKeeper k = lease(2);
    long id = k.leaseId();
    Thread.sleep(5000);
    assertEquals(id, k.leaseId());
    get(guard(k).guard(token -> rollups.apply(requests(3, 1), token)));
    assertEquals(3, seen());
    assertTrue(fenceToken() > 0);
  }

  @Test
  void aProcessorWhoseLeaseExpiredCannotCommitAfterAnotherTookOver() throws Exception {
    LeaseKeeper paused = lease(2);
    EtcdCommitGuard pausedGuard = guard(paused);
    LeaseKeeper live = lease(10);
    EtcdCommitGuard liveGuard = guard(live);
    List<NostrEvent> stale = requests(4, 2);
    List<NostrEvent> fresh = requests(5, 3);
    long[] tokens = new long[2];
    ExecutionException failed = assertThrows(ExecutionException.class, () -> get(pausedGuard.guard(token -> {
      tokens[0] = token;
      // the process stalls holding the lock (GC pause, partition): its lease runs out, the other processor
      // acquires the lock and commits, then the stalled one wakes up and tries to commit with its old token
      paused.stopKeepAlive();
      return liveGuard.guard(t -> {
        tokens[1] = t;
        return rollups.apply(fresh, t);
      }).compose(v -> rollups.apply(stale, token));
    })));
    assertInstanceOf(FencedException.class, failed.getCause(), failed.toString());
    assertTrue(tokens[1] > tokens[0], "the lock revision grows: " + tokens[0] + " → " + tokens[1]);
    assertEquals(5, seen(), "only the live processor's batch is committed");
    assertEquals(tokens[1], fenceToken());
  }

  @Test
  void aProcessorWhoseLeaseExpiredCannotTakeTheLock() throws Exception {
    LeaseKeeper paused = lease(2);
    paused.stopKeepAlive();
    Thread.sleep(4000);
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> get(guard(paused).guard(token -> rollups.apply(requests(2, 4), token))));
    assertEquals(0, seen(), "nothing committed: " + failed.getCause());
  }
}
