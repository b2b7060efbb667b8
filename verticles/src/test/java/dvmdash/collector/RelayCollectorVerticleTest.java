package dvmdash.collector;

import static dvmdash.collector.TestEvents.eventFrame;
import static dvmdash.collector.TestEvents.json;
import static dvmdash.collector.TestEvents.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.Addresses;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RelayCollectorVerticleTest {

  static final EventSigner DVM = EventSigner.fromSeed(7);
  static final EventSigner USER = EventSigner.fromSeed(8);

  @TempDir
  Path dir;

  final List<ReceivedEvent> ingested = new CopyOnWriteArrayList<>();
  final List<IngestBatch> batches = new CopyOnWriteArrayList<>();
  final AtomicBoolean processorReplies = new AtomicBoolean(true);
  long now;

  @BeforeEach
  void setUp(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, msg -> {
      batches.add(msg.body());
      ingested.addAll(msg.body().events());
      if (processorReplies.get()) {
        msg.reply("ok");
      }
    });
    now = System.currentTimeMillis() / 1000;
  }

  JsonObject config(FakeRelay relay) {
    return new JsonObject()
        .put("relays", new JsonArray().add(relay.url()))
        .put("max_event_bytes", 2048)
        .put("batch_events", 16)
        .put("batch_millis", 5)
        .put("eose_timeout_millis", 10_000)
        .put("backoff_min_millis", 10)
        .put("backoff_max_millis", 100)
        .put("cursor_file", dir.resolve("cursors.json").toString());
  }

  Future<String> deploy(Vertx vertx, JsonObject cfg) {
    return vertx.deployVerticle(RelayCollectorVerticle::new, new DeploymentOptions().setConfig(cfg));
  }

  Future<JsonObject> status(Vertx vertx) {
    return vertx.eventBus().<JsonArray>request(Addresses.RELAYS_STATUS, null)
        .map(m -> m.body().getJsonObject(0));
  }

  static Set<Integer> kindsOf(JsonArray req) {
    Set<Integer> kinds = new HashSet<>();
    for (int i = 2; i < req.size(); i++) {
      req.getJsonObject(i).getJsonArray("kinds").forEach(k -> kinds.add((Integer) k));
    }
    return kinds;
  }

  Set<String> ingestedIds() {
    Set<String> ids = new HashSet<>();
    ingested.forEach(e -> ids.add(e.eventId()));
    return ids;
  }

  @Test
  void subscribesAllKindsForwardsValidEventsAndCountsBadFramesWithoutClosing(Vertx vertx, VertxTestContext ctx) {
    NostrEvent req = USER.sign(now - 60, 5300, List.of(List.of("p", DVM.pubkey())), "");
    NostrEvent res = DVM.sign(now - 50, 6999, List.of(List.of("e", req.id())), "result");
    NostrEvent fb = DVM.sign(now - 55, 7000, List.of(List.of("status", "processing")), "");
    NostrEvent late = DVM.sign(now, 6300, List.of(), "[]");
    FakeRelay relay = new FakeRelay(vertx).store(json(req)).store(json(res)).store(json(fb));
    relay.start()
        .compose(r -> deploy(vertx, config(relay)))
        .compose(id -> until(vertx, () -> ingested.size() == 3))
        .compose(v -> {
          ctx.verify(() -> {
            JsonArray first = relay.reqs().get(0);
            assertEquals("dvm", first.getString(1));
            Set<Integer> kinds = kindsOf(first);
            assertTrue(kinds.contains(6999), "6999 subscribed");
            assertEquals(new HashSet<>(SubscriptionPlan.dvmKinds(Set.of(5666, 6666, 5969, 6969))), kinds);
            assertNull(first.getJsonObject(2).getValue("since"), "no cursor, no since");
            assertEquals(Set.of(req.id(), res.id(), fb.id()), ingestedIds());
          });
          relay.broadcast("not json at all");
          relay.broadcast(eventFrame("dvm", json(late).put("content", "tampered")));
          relay.broadcast("[\"EVENT\",\"dvm\",{\"pad\":\"" + "x".repeat(3000) + "\"}]");
          relay.broadcast(eventFrame("dvm", json(DVM.sign(now, 6666, List.of(), "poll")).put("kind", 6666)));
          relay.broadcast(eventFrame("dvm", json(res)));
          relay.broadcast(eventFrame("dvm", json(late)));
          return until(vertx, () -> ingested.size() == 4);
        })
        .compose(v -> status(vertx))
        .onComplete(ctx.succeeding(st -> ctx.verify(() -> {
          assertEquals(late.id(), ingested.get(3).eventId());
          assertEquals(relay.url(), st.getString("url"));
          assertTrue(st.getBoolean("connected"));
          assertEquals(4L, st.getLong("events"));
          assertEquals(4L, st.getLong("invalid"));
          JsonObject by = st.getJsonObject("invalid_by_reason");
          assertEquals(1L, by.getLong("malformed_json"));
          assertEquals(1L, by.getLong("id_mismatch"));
          assertEquals(1L, by.getLong("oversized"));
          assertEquals(1L, by.getLong("excluded_kind"));
          assertEquals(1L, st.getLong("duplicates"));
          assertEquals(0L, st.getLong("reconnects"));
          assertTrue(st.getLong("last_event_at") >= now - 5);
          assertEquals(1, relay.connections.get(), "bad frames never close the socket");
          ctx.completeNow();
        })));
  }

  @Test
  void splitsSubscriptionWhenRelayRefusesLongKindsList(Vertx vertx, VertxTestContext ctx) {
    NostrEvent res = DVM.sign(now - 10, 6999, List.of(), "generic result");
    NostrEvent req = USER.sign(now - 20, 5000, List.of(), "");
    FakeRelay relay = new FakeRelay(vertx).store(json(res)).store(json(req)).refuseAbove(600, false);
    relay.start()
        .compose(r -> deploy(vertx, config(relay)))
        .compose(id -> until(vertx, () -> ingested.size() == 2))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          List<JsonArray> reqs = relay.reqs();
          assertEquals(3, kindsOf(reqs.get(0)).size() > 2000 ? 3 : -1, "first REQ: three filters of ≤ 1000");
          assertEquals(3, reqs.get(0).size() - 2);
          assertEquals(5, reqs.get(1).size() - 2, "second REQ: filters of 500");
          List<JsonArray> accepted = reqs.subList(2, reqs.size()).stream()
              .filter(r -> r.getString(1).startsWith("dvm-"))
              .toList();
          Set<Integer> union = new HashSet<>();
          int total = 0;
          for (JsonArray r : accepted) {
            assertEquals(1, r.size() - 2, "one filter per REQ");
            union.addAll(kindsOf(r));
            total += kindsOf(r).size();
          }
          assertEquals(new HashSet<>(SubscriptionPlan.dvmKinds(Set.of(5666, 6666, 5969, 6969))), union);
          assertEquals(union.size(), total, "no kind in two subscriptions");
          assertEquals(Set.of(res.id(), req.id()), ingestedIds());
          ctx.completeNow();
        })));
  }

  @Test
  void splitsWhenNoEoseArrivesInTime(Vertx vertx, VertxTestContext ctx) {
    NostrEvent res = DVM.sign(now - 10, 6999, List.of(), "generic result");
    FakeRelay relay = new FakeRelay(vertx).store(json(res)).refuseAbove(1500, true);
    relay.start()
        .compose(r -> deploy(vertx, config(relay).put("eose_timeout_millis", 100)))
        .compose(id -> until(vertx, () -> ingested.size() == 1))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(relay.reqs().size() >= 2);
          assertEquals(res.id(), ingested.get(0).eventId());
          ctx.completeNow();
        })));
  }

  @Test
  void reconnectsWithBackoffAfterRelayClosesSocket(Vertx vertx, VertxTestContext ctx) {
    NostrEvent a = DVM.sign(now - 10, 7000, List.of(), "");
    NostrEvent b = DVM.sign(now - 5, 7000, List.of(), "second");
    FakeRelay relay = new FakeRelay(vertx).store(json(a));
    relay.start()
        .compose(r -> deploy(vertx, config(relay)))
        .compose(id -> until(vertx, () -> ingested.size() == 1 && relay.reqs().size() == 1))
        .compose(v -> {
          relay.dropAll();
          return until(vertx, () -> relay.connections.get() == 2 && relay.reqs().size() == 2);
        })
        .compose(v -> {
          relay.broadcast(eventFrame("dvm", json(b)));
          return until(vertx, () -> ingested.size() == 2);
        })
        .compose(v -> status(vertx))
        .onComplete(ctx.succeeding(st -> ctx.verify(() -> {
          assertEquals(b.id(), ingested.get(1).eventId());
          assertTrue(st.getBoolean("connected"));
          assertEquals(1L, st.getLong("reconnects"));
          assertEquals(1L, st.getLong("duplicates"), "stored event re-sent after reconnect is a duplicate");
          ctx.completeNow();
        })));
  }

  @Test
  void restartResumesWithSinceFromAcknowledgedCursor(Vertx vertx, VertxTestContext ctx) {
    long newest = now - 100;
    NostrEvent older = DVM.sign(newest - 1000, 6300, List.of(), "[]");
    NostrEvent newer = DVM.sign(newest, 6300, List.of(), "[]");
    FakeRelay relay = new FakeRelay(vertx).store(json(older)).store(json(newer));
    Path cursorFile = dir.resolve("cursors.json");
    relay.start()
        .compose(r -> deploy(vertx, config(relay)))
        .compose(id -> until(vertx, () -> ingested.size() == 2 && Files.exists(cursorFile)).map(id))
        .compose(vertx::undeploy)
        .compose(v -> {
          ctx.verify(() -> {
            JsonObject saved = new JsonObject(Files.readString(cursorFile));
            assertEquals(newest, saved.getLong(relay.url()));
            assertNull(relay.reqs().get(0).getJsonObject(2).getValue("since"));
          });
          return deploy(vertx, config(relay));
        })
        .compose(id -> until(vertx, () -> relay.reqs().size() == 2))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          JsonArray second = relay.reqs().get(1);
          for (int i = 2; i < second.size(); i++) {
            assertEquals(newest - 600, second.getJsonObject(i).getLong("since"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void pausesSocketsWhileProcessorDoesNotReply(Vertx vertx, VertxTestContext ctx) {
    processorReplies.set(false);
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      frames.add(eventFrame("dvm", json(DVM.sign(now - 1000 + i, 7000, List.of(), "n" + i))));
    }
    FakeRelay relay = new FakeRelay(vertx);
    relay.start()
        .compose(r -> deploy(vertx, config(relay).put("max_in_flight_events", 20).put("batch_events", 5)))
        .compose(id -> until(vertx, () -> relay.reqs().size() == 1))
        .compose(v -> {
          frames.forEach(relay::broadcast);
          return until(vertx, () -> ingested.size() >= 20);
        })
        .compose(v -> status(vertx))
        .compose(st -> {
          ctx.verify(() -> assertTrue(st.getBoolean("paused"), "sockets paused at the in-flight limit"));
          // a status round trip later, nothing more was forwarded
          return status(vertx);
        })
        .onComplete(ctx.succeeding(st -> ctx.verify(() -> {
          assertTrue(st.getBoolean("paused"));
          assertTrue(ingested.size() <= 20 + 5, "in-flight bounded, got " + ingested.size());
          assertTrue(st.getLong("events") <= 25, "frames beyond the limit stay unread: " + st.getLong("events"));
          assertTrue(st.getBoolean("connected"));
          ctx.completeNow();
        })));
  }

  @Test
  void requestsProfilesOfDiscoveredDvms(Vertx vertx, VertxTestContext ctx) {
    NostrEvent profile = DVM.sign(now - 10, 0, List.of(), "{\"name\":\"dvm\"}");
    FakeRelay relay = new FakeRelay(vertx).store(json(profile));
    relay.start()
        .compose(r -> deploy(vertx, config(relay)))
        .compose(id -> until(vertx, () -> relay.reqs().size() == 1))
        .compose(v -> {
          vertx.eventBus().publish(Addresses.DVMS_DISCOVERED,
              new JsonArray().add(DVM.pubkey()).add("not-a-pubkey").add(USER.pubkey()));
          return until(vertx, () -> ingested.size() == 1);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          JsonArray prof = relay.reqs().get(1);
          assertEquals("prof-0", prof.getString(1));
          JsonObject f = prof.getJsonObject(2);
          assertEquals(new JsonArray().add(0), f.getJsonArray("kinds"));
          assertEquals(new JsonArray().add(DVM.pubkey()).add(USER.pubkey()), f.getJsonArray("authors"));
          assertEquals(profile.id(), ingested.get(0).eventId());
          ctx.completeNow();
        })));
  }

  @Test
  void followsTheProfilesOfShownRequestersWithinTheBound(Vertx vertx, VertxTestContext ctx) {
    String u1 = EventSigner.fromSeed(21).pubkey();
    String u2 = EventSigner.fromSeed(22).pubkey();
    String u3 = EventSigner.fromSeed(23).pubkey();
    FakeRelay relay = new FakeRelay(vertx);
    relay.start()
        .compose(r -> deploy(vertx, config(relay).put("requester_profiles_max", 2)))
        .compose(id -> until(vertx, () -> relay.reqs().size() == 1))
        .compose(v -> {
          vertx.eventBus().publish(Addresses.DVMS_DISCOVERED, new JsonArray().add(DVM.pubkey()));
          vertx.eventBus().publish(Addresses.PROFILES_WANTED, new JsonArray().add(DVM.pubkey()).add(u1).add(u2));
          return until(vertx, () -> relay.reqs().size() == 3);
        })
        .compose(v -> {
          // u1 shown again, then u3: u2 (shown least recently) gives up its slot
          vertx.eventBus().publish(Addresses.PROFILES_WANTED, new JsonArray().add(u1).add(u3));
          return until(vertx, () -> relay.reqs().size() == 4);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          JsonArray first = relay.reqs().get(2);
          assertEquals("profu-0", first.getString(1));
          assertEquals(new JsonArray().add(0), first.getJsonObject(2).getJsonArray("kinds"));
          assertEquals(new JsonArray().add(u1).add(u2), first.getJsonObject(2).getJsonArray("authors"),
              "the DVM is followed by its own prof- subscription, not as a requester");
          JsonArray second = relay.reqs().get(3);
          assertEquals("profu-0", second.getString(1));
          assertEquals(new JsonArray().add(u1).add(u3), second.getJsonObject(2).getJsonArray("authors"));
          ctx.completeNow();
        })));
  }

  @Test
  void transportLimitsAboveAppLimitSoOversizedFramesAreCountedNotFatal(Vertx vertx, VertxTestContext ctx) {
    NostrEvent big = DVM.sign(now - 10, 6100, List.of(), "x".repeat(300 * 1024));
    NostrEvent small = DVM.sign(now - 5, 6100, List.of(), "ok");
    String huge = eventFrame("dvm", json(DVM.sign(now - 7, 6100, List.of(), "y".repeat(600 * 1024))));
    FakeRelay relay = new FakeRelay(vertx);
    relay.start()
        .compose(r -> deploy(vertx, config(relay).put("max_event_bytes", 524_288)))
        .compose(id -> until(vertx, () -> relay.reqs().size() == 1))
        .compose(v -> {
          relay.broadcast(eventFrame("dvm", json(big)));
          relay.broadcast(huge);
          relay.broadcast(eventFrame("dvm", json(small)));
          return until(vertx, () -> ingested.size() == 2);
        })
        .compose(v -> status(vertx))
        .onComplete(ctx.succeeding(st -> ctx.verify(() -> {
          assertEquals(big.id(), ingested.get(0).eventId(), "300 KiB event passes the transport");
          assertEquals(small.id(), ingested.get(1).eventId());
          assertEquals(1L, st.getJsonObject("invalid_by_reason").getLong("oversized"));
          assertEquals(1, relay.connections.get());
          assertTrue(st.getBoolean("connected"));
          ctx.completeNow();
        })));
  }

  /** A probe's targeted publish: written only to the listed relays that are connected, compared normalized. */
  @Test
  void publishToWritesOnlyToTheListedConnectedRelays(Vertx vertx, VertxTestContext ctx) {
    FakeRelay a = new FakeRelay(vertx);
    FakeRelay b = new FakeRelay(vertx);
    NostrEvent ping = USER.sign(now, 7007, List.of(List.of("p", DVM.pubkey())), "");
    Future.all(a.start(), b.start())
        .compose(v -> deploy(vertx, config(a).put("relays", new JsonArray().add(a.url()).add(b.url()))))
        .compose(id -> until(vertx, () -> !a.reqs().isEmpty() && !b.reqs().isEmpty()))
        .compose(v -> vertx.eventBus().<JsonArray>request(Addresses.RELAYS_PUBLISH_TO, new JsonObject()
            .put("event", json(ping))
            .put("relays", new JsonArray().add(b.url() + "/")
                .add("ws://127.0.0.1:9/elsewhere"))))
        .compose(reply -> {
          ctx.verify(() -> assertEquals(new JsonArray().add(b.url() + "/"), reply.body(), "as listed"));
          return until(vertx, () -> b.received.stream().anyMatch(f -> "EVENT".equals(f.getString(0))));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(a.received.stream().noneMatch(f -> "EVENT".equals(f.getString(0))), "not on the unlisted relay");
          ctx.completeNow();
        })));
  }
}
