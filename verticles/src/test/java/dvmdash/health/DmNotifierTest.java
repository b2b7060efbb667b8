package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Nip19;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.PrivateMessage;
import dvmdash.simulator.SimRelay;
import dvmdash.simulator.SimRelayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Direct messages reach a local relay as NIP-17 gift wraps that the recipient's key opens to the expected text. */
@ExtendWith(VertxExtension.class)
class DmNotifierTest {

  private static final String DVM = "ab".repeat(32);
  private static final JsonObject CHANGE = new JsonObject().put("pubkey", DVM).put("npub", Nip19.encodeNpub(DVM))
      .put("state", "down").put("previous", "up").put("at", 1_795_500_300L)
      .put("cause", "no heartbeat for more than 900 s and no result");
  private final EventSigner monitor = EventSigner.fromSeed(7);
  private final EventSigner operator = EventSigner.fromSeed(8);

  private static String deadRelay() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return "ws://127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void theMessageArrivesAndOpensWithTheRecipientsKey(Vertx vertx, VertxTestContext ctx) throws Exception {
    SimRelay relay = new SimRelay(SimRelayOptions.onPort(0), List.of());
    List<NostrEvent> got = new CopyOnWriteArrayList<>();
    relay.onClientEvent(got::add);
    String dead = deadRelay();
    vertx.deployVerticle(relay).onComplete(ctx.succeeding(id -> {
      // one relay down, one up: delivered once, the dead one counted
      DmNotifier dm = new DmNotifier(vertx, monitor, operator.pubkey(), List.of(dead, relay.url()), 2, 50,
          () -> 1_795_500_400L);
      dm.send(CHANGE);
      vertx.setPeriodic(50, t -> {
        if (dm.delivered.get() == 1) {
          vertx.cancelTimer(t);
          ctx.verify(() -> {
            assertEquals(1, got.size());
            NostrEvent wrap = got.get(0);
            assertEquals(PrivateMessage.GIFT_WRAP, wrap.kind());
            assertEquals(operator.pubkey(), wrap.tagValue("p"));
            PrivateMessage.Opened opened = PrivateMessage.unwrap(wrap, operator);
            assertEquals(monitor.pubkey(), opened.sender());
            assertEquals("DVMDash: DVM " + Nip19.encodeNpub(DVM) + " is DOWN (was up) since 2026-11-24 06:05:00 UTC."
                + " Cause: no heartbeat for more than 900 s and no result.\nnostr:" + Nip19.encodeNpub(DVM),
                opened.text());
            assertEquals(1_795_500_400L, opened.createdAt());
            assertEquals(1, dm.relayFailures.get());
            assertEquals(0, dm.failed.get());
          });
          dm.close();
          ctx.completeNow();
        }
      });
    }));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void theRecipientsInboxRelaysGetItToo(Vertx vertx, VertxTestContext ctx) {
    SimRelay inbox = new SimRelay(SimRelayOptions.onPort(0), List.of());
    List<NostrEvent> atInbox = new CopyOnWriteArrayList<>();
    inbox.onClientEvent(atInbox::add);
    vertx.deployVerticle(inbox).compose(id -> {
      // the configured relay holds the operator's kind 10050 list naming the inbox relay (and junk)
      NostrEvent list = operator.sign(1_795_000_000L, InboxRelays.KIND, List.of(List.of("relay", inbox.url()),
          List.of("relay", "https://not-a-relay"), List.of("r", "wss://ignored")), "");
      NostrEvent forged = monitor.sign(1_795_000_001L, InboxRelays.KIND, List.of(List.of("relay", "ws://127.0.0.1:1")),
          "");
      SimRelay configured = new SimRelay(SimRelayOptions.onPort(0),
          List.of(dvmdash.simulator.RelayEntry.of(list), dvmdash.simulator.RelayEntry.of(forged)));
      return vertx.deployVerticle(configured).map(configured);
    }).onComplete(ctx.succeeding(configured -> {
      DmNotifier dm = new DmNotifier(vertx, monitor, operator.pubkey(), List.of(configured.url()), 0, 50,
          () -> 1_795_500_400L);
      dm.send(CHANGE);
      vertx.setPeriodic(50, t -> {
        if (dm.delivered.get() + dm.failed.get() == 1 && !atInbox.isEmpty()) {
          vertx.cancelTimer(t);
          ctx.verify(() -> {
            assertEquals(1, dm.delivered.get());
            assertEquals(0, dm.relayFailures.get(), "only the two relays: the forged list is not the recipient's");
            assertEquals(monitor.pubkey(), PrivateMessage.unwrap(atInbox.get(0), operator).sender());
          });
          dm.close();
          ctx.completeNow();
        }
      });
    }));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void noRelayReachableIsRetriedThenCountedNeverThrown(Vertx vertx, VertxTestContext ctx) throws Exception {
    DmNotifier dm = new DmNotifier(vertx, monitor, operator.pubkey(), List.of(deadRelay()), 2, 20,
        () -> 1_795_500_400L);
    dm.send(CHANGE);
    vertx.setPeriodic(50, t -> {
      if (dm.failed.get() == 1) {
        vertx.cancelTimer(t);
        ctx.verify(() -> {
          assertEquals(2, dm.retried.get());
          assertEquals(3, dm.relayFailures.get());
          assertEquals(0, dm.delivered.get());
        });
        dm.close();
        ctx.completeNow();
      }
    });
  }

  @Test
  void badRelayUrlsAreRefusedAtStartup(Vertx vertx) {
    assertThrows(IllegalArgumentException.class,
        () -> new DmNotifier(vertx, monitor, operator.pubkey(), List.of("http://x"), 1, 1, () -> 0));
    assertThrows(IllegalArgumentException.class,
        () -> new DmNotifier(vertx, monitor, operator.pubkey(), List.of(), 1, 1, () -> 0));
  }
}
