package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimRelay;
import dvmdash.simulator.SimRelayOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Probing every DVM seen in the last 7 days under the global cap: 1,000 recent DVMs plus 2 watched ones, one simulated
 * hour driven tick by tick (no wall clock), each ping signed and written to a simulated relay; the pings the relay
 * stored are counted per minute of their {@code created_at}.
 */
class ProbeLoopTest {

  private static final long T0 = 1_795_500_000L;
  /** Held in a field: Vert.x may reclaim an unreferenced client in the middle of a handshake. */
  private WebSocketClient client;

  @Test
  void aThousandRecentDvmsAreProbedUnderTheGlobalCap() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SimRelay relay = new SimRelay(SimRelayOptions.onPort(0), List.of());
      List<NostrEvent> atRelay = new CopyOnWriteArrayList<>();
      relay.onClientEvent(atRelay::add);
      vertx.deployVerticle(relay).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      client = vertx.createWebSocketClient();
      WebSocket ws = client.connect(relay.port(), "127.0.0.1", "/")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      EventSigner monitor = EventSigner.fromSeed(99);
      Pinger pinger = (dvm, now) -> {
        NostrEvent ping = monitor.sign(now, ProbeSender.PING, List.of(List.of("p", dvm)), "");
        ws.writeTextMessage("[\"EVENT\"," + EventWriter.toJson(ping) + "]");
        return Future.succeededFuture(1);
      };
      List<String> watched = List.of("aa".repeat(32), "bb".repeat(32));
      List<String> recent = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        recent.add(String.format("%064x", 1_000_003L * (i + 1)));
      }
      recent.add(watched.get(0)); // a watched DVM seen recently is probed once, as watched
      ProbeLoop loop = new ProbeLoop(vertx, pinger, new ProbeSchedule(300, 60, 300),
          ProbeTargets.of(watched, recent));
      for (long t = T0; t < T0 + 3_600; t += 5) {
        loop.tick(t);
      }
      long sent = loop.sent.get();
      assertEquals(60 * 60, sent, "the budget of 60 a minute is used, not exceeded");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (atRelay.size() < sent && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(sent, atRelay.size(), "every ping reached the relay");
      Map<Long, Integer> perMinute = new HashMap<>();
      Set<String> pinged = new HashSet<>();
      for (NostrEvent e : atRelay) {
        assertEquals(ProbeSender.PING, e.kind());
        assertEquals(monitor.pubkey(), e.pubkey());
        perMinute.merge(Math.floorDiv(e.createdAt(), 60), 1, Integer::sum);
        pinged.add(e.tagValue("p"));
      }
      perMinute.forEach((m, n) -> assertTrue(n <= 60, "minute " + m + ": " + n + " pings"));
      assertEquals(60, perMinute.size());
      assertEquals(1_002, pinged.size(), "every recent and watched DVM pinged");
      assertTrue(pinged.containsAll(watched));
      assertEquals(0, loop.failures.get());
      loop.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPingerThatThrowsIsCountedNotFatal() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ProbeLoop loop = new ProbeLoop(vertx, (dvm, now) -> {
        throw new IllegalStateException("boom");
      }, new ProbeSchedule(300, 60, 1), ProbeTargets.of(List.of("aa".repeat(32)), List.of()));
      loop.tick(T0);
      assertEquals(1, loop.failures.get());
      loop.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * 1,000 watched DVMs spread over 4 simulated relays they announce (a tenth of them on two) and 1 configured relay
   * for a fifth of them; 120 pings a minute in total, 25 per relay. Each ping is written to exactly the relays the
   * loop counted for it; every relay counts what it received per minute of the pings' {@code created_at}.
   */
  @Test
  void aThousandDvmsOnAnnouncedRelaysStayUnderBothCapsAtEachRelay() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<SimRelay> relays = new ArrayList<>();
      Map<String, List<NostrEvent>> received = new HashMap<>();
      Map<String, WebSocket> sockets = new HashMap<>();
      client = vertx.createWebSocketClient();
      for (int i = 0; i < 5; i++) {
        SimRelay relay = new SimRelay(SimRelayOptions.onPort(0), List.of());
        List<NostrEvent> at = new CopyOnWriteArrayList<>();
        relay.onClientEvent(at::add);
        vertx.deployVerticle(relay).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        relays.add(relay);
        received.put(relay.url(), at);
        sockets.put(relay.url(), client.connect(relay.port(), "127.0.0.1", "/")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      }
      String configured = relays.get(4).url();
      Map<String, List<String>> relaysOf = new HashMap<>();
      List<String> watched = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        String dvm = String.format("%064x", 1_000_003L * (i + 1));
        watched.add(dvm);
        relaysOf.put(dvm, i % 5 == 4 ? List.of(configured) : i % 10 == 1
            ? List.of(relays.get(i % 4).url(), relays.get((i + 1) % 4).url()) : List.of(relays.get(i % 4).url()));
      }
      EventSigner monitor = EventSigner.fromSeed(98);
      Pinger pinger = (dvm, now) -> {
        NostrEvent ping = monitor.sign(now, ProbeSender.PING, List.of(List.of("p", dvm)), "");
        for (String url : relaysOf.get(dvm)) {
          sockets.get(url).writeTextMessage("[\"EVENT\"," + EventWriter.toJson(ping) + "]");
        }
        return Future.succeededFuture(relaysOf.get(dvm).size());
      };
      ProbeLoop loop = new ProbeLoop(vertx, pinger, new ProbeSchedule(300, 120, 300, 25),
          ProbeTargets.of(watched, List.of()), relaysOf::get);
      for (long t = T0; t < T0 + 3_600; t += 5) {
        loop.tick(t);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long sentFrames = loop.sent.get();
      Set<String> ids = new HashSet<>();
      Map<Long, Integer> perMinute = new HashMap<>();
      while (System.nanoTime() < deadline) {
        ids.clear();
        received.values().forEach(l -> l.forEach(e -> ids.add(e.id())));
        if (ids.size() >= sentFrames) {
          break;
        }
        Thread.sleep(50);
      }
      assertEquals(sentFrames, ids.size(), "every ping reached its relays");
      Set<String> pinged = new HashSet<>();
      for (Map.Entry<String, List<NostrEvent>> r : received.entrySet()) {
        Map<Long, Integer> at = new HashMap<>();
        for (NostrEvent e : r.getValue()) {
          String dvm = e.tagValue("p");
          assertTrue(relaysOf.get(dvm).contains(r.getKey()), "a ping only on its DVM's relays");
          at.merge(Math.floorDiv(e.createdAt(), 60), 1, Integer::sum);
          pinged.add(dvm);
        }
        at.forEach((m, n) -> assertTrue(n <= 25, r.getKey() + " minute " + m + ": " + n + " pings"));
      }
      Map<String, Long> createdAt = new HashMap<>();
      received.values().forEach(l -> l.forEach(e -> createdAt.put(e.id(), e.createdAt())));
      createdAt.values().forEach(c -> perMinute.merge(Math.floorDiv(c, 60), 1, Integer::sum));
      perMinute.forEach((m, n) -> assertTrue(n <= 120, "minute " + m + ": " + n + " pings in total"));
      assertEquals(1_000, pinged.size(), "every DVM pinged");
      assertEquals(0, loop.failures.get());
      loop.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
