package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.collector.RelayEdit;
import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import dvmdash.servers.EtcdProcess;
import dvmdash.shared.config.EtcdConfig;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster relay list in a real etcd: seeded once, edits never lost, and balancers follow it. */
class EtcdRelayListTest {

  @TempDir
  Path dir;
  private EtcdProcess etcd;
  private Vertx vertx;
  private final List<Client> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    etcd = EtcdProcess.start(dir.resolve("etcd"));
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(Client::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    etcd.close();
  }

  private Client client() {
    Client c = EtcdClients.create(EtcdConfig.fromJson(new JsonObject().put("etcd",
        new JsonObject().put("endpoints", etcd.endpoint()))));
    clients.add(c);
    return c;
  }

  private EtcdRelayList list(List<String> seed) {
    return new EtcdRelayList(vertx.getOrCreateContext(), client(), "/t/", RelayList.of(seed));
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void onlyTheFirstSeedWritesAndConcurrentEditsAreAllKept() throws Exception {
    EtcdRelayList a = list(List.of("wss://a.example"));
    EtcdRelayList b = list(List.of("wss://b.example"));
    List<Boolean> created = List.of(get(a.seed()), get(b.seed()));
    assertEquals(List.of(true, false), created);
    assertEquals(RelayList.of(List.of("wss://a.example")), get(b.list()));

    List<Future<RelayList>> edits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      edits.add((i % 2 == 0 ? a : b).update(RelayEdit.add("wss://r" + i + ".example", null)::apply));
    }
    get(Future.all(edits));
    assertEquals(5, get(a.list()).size(), "no concurrent edit lost: " + get(a.list()).urls());

    get(a.update(RelayEdit.mark("wss://r2.example", RelayEntry.Activity.HIGH)::apply));
    assertEquals(List.of("wss://r2.example"), get(b.list()).highUrls());
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> get(b.update(RelayEdit.remove("wss://nope.example")::apply)));
    assertTrue(e.getCause() instanceof NoSuchElementException, e.toString());
  }

  @Test
  void aBalancerClaimsAnAddedRelayAndReleasesARemovedOne() throws Exception {
    EtcdRelayList shared = list(List.of("wss://a.example"));
    get(shared.seed());
    Client c = client();
    LeaseKeeper lease = new LeaseKeeper(vertx, c, 2);
    get(lease.start());
    AtomicReference<List<RelayEntry>> applied = new AtomicReference<>(List.of());
    RelayBalancer balancer = new RelayBalancer(shared::list, new RelayClaims(vertx.getOrCreateContext(), c, "/t/",
        "solo"), lease, "solo", owned -> {
          applied.set(owned);
          return Future.succeededFuture();
        });
    long timer = vertx.setPeriodic(200, t -> balancer.step());
    try {
      await("the seeded relay owned", () -> balancer.owned().equals(List.of("wss://a.example")));
      get(shared.update(RelayEdit.add("wss://b.example", RelayEntry.Activity.HIGH)::apply));
      await("the added relay owned with its mark", () -> applied.get().equals(List.of(
          RelayEntry.normal("wss://a.example"), new RelayEntry("wss://b.example", RelayEntry.Activity.HIGH))));
      get(shared.update(RelayEdit.remove("wss://a.example")::apply));
      await("the removed relay released", () -> balancer.owned().equals(List.of("wss://b.example")));
      RelayClaims reader = new RelayClaims(vertx.getOrCreateContext(), c, "/t/", "reader");
      assertEquals(java.util.Map.of("wss://b.example", "solo"), get(reader.claims()));
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
