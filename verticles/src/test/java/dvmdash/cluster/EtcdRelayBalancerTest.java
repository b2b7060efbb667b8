package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.servers.EtcdProcess;
import dvmdash.shared.config.EtcdConfig;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collectors sharing relays through a real etcd: fair split, takeover after a death, rebalance on join. */
class EtcdRelayBalancerTest {

  private static final List<String> RELAYS = List.of("wss://r1", "wss://r2", "wss://r3", "wss://r4");
  @TempDir
  Path dir;
  private EtcdProcess etcd;
  private Vertx vertx;
  private final List<Client> clients = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    etcd = EtcdProcess.start(dir.resolve("etcd"));
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    timers.forEach(vertx::cancelTimer);
    clients.forEach(Client::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    etcd.close();
  }

  private record Member(RelayBalancer balancer, LeaseKeeper lease) {
  }

  private Member member(String id) throws Exception {
    Client c = EtcdClients.create(EtcdConfig.fromJson(new JsonObject().put("etcd",
        new JsonObject().put("endpoints", etcd.endpoint()))));
    clients.add(c);
    LeaseKeeper lease = new LeaseKeeper(vertx, c, 2);
    lease.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    RelayBalancer b = new RelayBalancer(RELAYS, new RelayClaims(vertx.getOrCreateContext(), c, "/t/", id), lease, id,
        owned -> Future.succeededFuture());
    timers.add(vertx.setPeriodic(200, t -> b.step()));
    return new Member(b, lease);
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

  private static boolean partition(List<Member> members) {
    Set<String> all = new HashSet<>();
    int total = 0;
    for (Member m : members) {
      all.addAll(m.balancer.owned());
      total += m.balancer.owned().size();
    }
    return total == RELAYS.size() && all.equals(Set.copyOf(RELAYS));
  }

  @Test
  void relaysAreSplitTakenOverAfterADeathAndRebalancedOnJoin() throws Exception {
    Member a = member("a");
    Member b = member("b");
    await("a fair split between a and b", () -> partition(List.of(a, b))
        && a.balancer.owned().size() == 2 && b.balancer.owned().size() == 2);

    a.lease.stopKeepAlive();
    vertx.cancelTimer(timers.remove(0));
    await("b owns every relay after a's lease expired", () -> b.balancer.owned().size() == 4);

    Member c = member("c");
    await("b and c split the relays", () -> partition(List.of(b, c))
        && b.balancer.owned().size() == 2 && c.balancer.owned().size() == 2);
    assertTrue(c.balancer.owned().stream().noneMatch(b.balancer.owned()::contains));
    assertEquals(2, c.balancer.owned().size());
  }
}
