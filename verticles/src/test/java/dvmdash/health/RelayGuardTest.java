package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Announced relays are attacker-controlled: those on loopback, private or link-local addresses are refused. */
@ExtendWith(VertxExtension.class)
class RelayGuardTest {

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void privateLoopbackAndLinkLocalAddressesAreNotPublic() throws Exception {
    for (String a : List.of("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255",
        "192.0.0.8", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1",
        "::ffff:127.0.0.1", "::10.0.0.1")) {
      assertFalse(RelayGuard.isPublic(ip(a)), a);
    }
    for (String a : List.of("1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.0.2.1", "2001:4860::8888",
        "::ffff:8.8.8.8")) {
      assertTrue(RelayGuard.isPublic(ip(a)), a);
    }
  }

  @Test
  void aHostResolvingToAnyPrivateAddressIsRefused() throws Exception {
    RelayGuard.Verdict mixed = RelayGuard.judge("wss://relay.example", new InetAddress[] {ip("8.8.8.8"),
        ip("10.0.0.1")});
    assertFalse(mixed.allowed());
    assertEquals("private", mixed.reason());
    assertFalse(RelayGuard.judge("wss://relay.example", new InetAddress[0]).allowed());
    RelayGuard.Verdict ok = RelayGuard.judge("wss://relay.example", new InetAddress[] {ip("8.8.8.8")});
    assertTrue(ok.allowed());
    assertEquals("8.8.8.8", ok.server().host());
    assertEquals(443, ok.server().port());
    assertEquals(7447, RelayGuard.judge("ws://relay.example:7447", new InetAddress[] {ip("8.8.4.4")}).server().port());
    assertEquals(80, RelayGuard.judge("ws://relay.example", new InetAddress[] {ip("8.8.4.4")}).server().port());
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void loopbackRelaysAreRefusedUnlessAllowed(Vertx vertx, VertxTestContext ctx) {
    RelayGuard strict = new RelayGuard(vertx, false);
    RelayGuard lax = new RelayGuard(vertx, true);
    strict.check("ws://127.0.0.1:7777").compose(v -> {
      ctx.verify(() -> {
        assertFalse(v.allowed());
        assertEquals("private", v.reason());
      });
      return strict.check("ws://localhost:7777");
    }).compose(v -> {
      ctx.verify(() -> assertFalse(v.allowed(), "a name resolving to loopback"));
      return strict.check("wss://no-such-host.invalid");
    }).compose(v -> {
      ctx.verify(() -> {
        assertFalse(v.allowed());
        assertEquals("unresolvable", v.reason());
      });
      return lax.check("ws://127.0.0.1:7777");
    }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertTrue(v.allowed(), "health.probe_private_relays");
      assertNull(v.server(), "resolved as usual");
      ctx.completeNow();
    })));
  }

  @Test
  void refusedRelaysAreLeftOutAndADvmWithNoneLeftFallsBackToTheConfiguredRelays() {
    Map<String, RelayGuard.Verdict> verdicts = Map.of(
        "wss://public.example", new RelayGuard.Verdict("wss://public.example", true, null, null),
        "ws://127.0.0.1:1", new RelayGuard.Verdict("ws://127.0.0.1:1", false, null, "private"));
    Map<String, ProbeRelays.Route> routes = ProbeRelays.routes(Map.of(
        "a", List.of("wss://public.example", "ws://127.0.0.1:1"),
        "b", List.of("ws://127.0.0.1:1"),
        "c", List.of("wss://unjudged.example")), verdicts::get);
    assertEquals(List.of("wss://public.example"), routes.get("a").urls());
    assertEquals(1, routes.get("a").refused());
    assertTrue(routes.get("b").targets().isEmpty());
    assertEquals(1, routes.get("b").refused());
    assertEquals(1, routes.get("c").refused(), "no verdict: refused");
    ProbeRelays relays = new ProbeRelays(null, null, List.of("wss://configured.example"));
    relays.set(routes);
    assertEquals(List.of("wss://public.example"), relays.relaysOf("a"));
    assertEquals(List.of("wss://configured.example"), relays.relaysOf("b"), "all refused: the configured relays");
    assertEquals(List.of("wss://configured.example"), relays.relaysOf("d"), "nothing announced");
    assertEquals(1, relays.announcing());
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void anAnnouncedRelayThatIsAlsoConfiguredIsTrusted(Vertx vertx, VertxTestContext ctx) {
    ProbeRelays relays = new ProbeRelays(null, new RelayGuard(vertx, false), List.of("ws://127.0.0.1:7001"));
    relays.vet("ws://127.0.0.1:7001").compose(v -> {
      ctx.verify(() -> assertTrue(v.allowed(), "configured by the operator"));
      return relays.vet("ws://127.0.0.1:7002");
    }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertFalse(v.allowed(), "only announced");
      ctx.completeNow();
    })));
  }
}
