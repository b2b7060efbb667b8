package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Nip19;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.PrivateMessage;
import dvmdash.simulator.HeartbeatSchedule;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DVM health against the simulator's scripted heartbeat schedules: the states, state changes (as outages) and uptime
 * the API reports equal those that follow from the schedule, computed here in closed form from the beat times
 * (independent of the product's state machine); the heartbeats themselves are stored, expired or not.
 */
class HealthIT {

  private static final long DAY = 86_400;
  private static final long TTL = 900;
  private static final long PENDING = 300;
  private static final long SETTLE = 120;

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private TestNode node;
  private long now;

  @BeforeEach
  void start() throws Exception {
    now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    SimulationPlan plan = new SimulationPlan(17, 10, 4, 60, 3 * DAY, 0.0).withBeacons(4);
    sim = Simulator.start(simVertx, plan, List.of(SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    List<HeartbeatSchedule> beacons = sim.truth().heartbeatSchedules();
    JsonObject config = TestNode.config(TestPostgres.freshDatabase(), null, sim.urls(), dir)
        .put("health", new JsonObject().put("evaluate_seconds", 1).put("watch", new JsonArray()
            .add(Nip19.encodeNpub(beacons.get(0).pubkey())).add(beacons.get(3).pubkey())))
        .put("admin", new JsonObject().put("token", "secret"));
    config.getJsonObject("health").put("monitor_key", "07".repeat(32)).put("probe_interval_seconds", 60)
        .put("probe_jitter_seconds", 1);
    config.getJsonObject("health").put("webhook_url", "http://127.0.0.1:" + startReceiver() + "/hook")
        .put("webhook_backoff_ms", 100);
    // a synthetic job for a DVM that announces a kind the simulator answers (sent once it is watched)
    jobDvm = sim.network().dvms().stream().filter(d -> d.kinds().contains(5050) || d.kinds().contains(5300))
        .findFirst().orElseThrow(() -> new AssertionError("no simulated DVM answers 5050 or 5300"));
    jobKind = jobDvm.kinds().contains(5050) ? 5050 : 5300;
    config.getJsonObject("health").put("synthetic_jobs", new JsonArray().add(new JsonObject()
        .put("dvm", Nip19.encodeNpub(jobDvm.pubkey())).put("kind", jobKind).put("input", "Say hello")))
        .put("synthetic_jitter_seconds", 1);
    // state changes also go as NIP-17 direct messages to the operator, through the configured (simulated) relays
    config.getJsonObject("health").put("dm_npub", Nip19.encodeNpub(operator.pubkey()));
    sim.relays().get(0).onClientEvent(e -> {
      if (e.kind() == PrivateMessage.GIFT_WRAP) {
        wraps.add(e);
      }
    });
    node = TestNode.start(config, now, dvmdash.metrics.AppMetrics.vertxWithMetrics());
  }

  private dvmdash.simulator.DvmPersona jobDvm;
  private int jobKind;
  private final EventSigner operator = EventSigner.fromSeed(4242);
  private final List<NostrEvent> wraps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<JsonObject> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger hookCalls = new java.util.concurrent.atomic.AtomicInteger();

  /** A webhook receiver that answers 500 to the first call and 200 afterwards; returns its port. */
  private int startReceiver() throws Exception {
    return simVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      if (hookCalls.incrementAndGet() == 1) {
        req.response().setStatusCode(500).end();
      } else {
        hooks.add(b.toJsonObject());
        req.response().end();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** First grid point (multiple of 60) strictly after {@code x}. */
  private static long gridAfter(long x) {
    return Math.floorDiv(x, 60) * 60 + 60;
  }

  /** [at, state] of each change the schedule implies up to {@code end}. */
  private static List<Object[]> expectedChanges(HeartbeatSchedule h, long simNow, long end) {
    List<Object[]> out = new ArrayList<>();
    for (HeartbeatSchedule.Period p : h.periods()) {
      List<Long> beats = new HeartbeatSchedule(h.pubkey(), h.name(), h.kind(), h.address(), h.interval(), List.of(p))
          .beatTimes(simNow);
      long up = gridAfter(beats.get(0)) + PENDING;
      long down = gridAfter(beats.get(beats.size() - 1) + TTL) + PENDING;
      if (up <= end) {
        out.add(new Object[] {up, "up"});
      }
      if (down <= end) {
        out.add(new Object[] {down, "down"});
      }
    }
    return out;
  }

  private static Double expectedUptime(List<Object[]> changes, long end, long window) {
    long start = end - window;
    long up = 0;
    long known = 0;
    for (int i = 0; i < changes.size(); i++) {
      long from = Math.max(start, (long) changes.get(i)[0]);
      long to = i + 1 < changes.size() ? Math.min(end, (long) changes.get(i + 1)[0]) : end;
      if (to > from) {
        known += to - from;
        up += "up".equals(changes.get(i)[1]) ? to - from : 0;
      }
    }
    return known == 0 ? null : (double) up / known;
  }

  @Test
  void statesOutagesAndUptimeFollowTheScriptedHeartbeats() throws Exception {
    List<HeartbeatSchedule> schedules = sim.truth().heartbeatSchedules();
    assertEquals(4, schedules.size());
    long evaluated = Math.floorDiv(now - SETTLE, 60) * 60;
    for (HeartbeatSchedule h : schedules) {
      List<Object[]> changes = expectedChanges(h, now, evaluated);
      JsonArray outages = new JsonArray();
      for (int i = changes.size() - 1; i >= 0; i--) {
        if ("down".equals(changes.get(i)[1])) {
          Object end = i + 1 < changes.size() ? changes.get(i + 1)[0] : null;
          outages.add(new JsonObject().put("start", changes.get(i)[0]).put("end", end)
              .put("cause", "no heartbeat for more than 900 s and no result"));
        }
      }
      Object[] last = changes.get(changes.size() - 1);
      JsonObject expected = new JsonObject().put("pubkey", h.pubkey()).put("state", last[1]).put("since", last[0])
          .put("evaluated_at", evaluated).put("outages", outages)
          .put("uptime", new JsonObject().put("24h", expectedUptime(changes, evaluated, DAY))
              .put("7d", expectedUptime(changes, evaluated, 7 * DAY))
              .put("30d", expectedUptime(changes, evaluated, 30 * DAY)));
      String path = "/api/dvms/" + h.pubkey() + "/health";
      try {
        TestNode.await(h.name() + " health as scripted", 120, () -> {
          try {
            JsonObject got = node.getOk(path);
            JsonAssert.assertSubset(h.name(), expected, got);
            return true;
          } catch (Exception | AssertionError e) {
            return false;
          }
        });
      } catch (AssertionError timeout) {
        JsonAssert.assertSubset(h.name(), expected, node.getOk(path));
      }
      List<Long> beats = h.beatTimes(now);
      JsonObject got = node.getOk(path);
      assertEquals(beats.get(beats.size() - 1), got.getLong("last_heartbeat_at"), h.name());
      // every heartbeat is stored, though all but the latest carry an expiration in the past
      JsonArray stored = node.getOk("/api/events?limit=500&kind=" + h.kind() + "&author=" + h.pubkey())
          .getJsonArray("events");
      assertEquals(beats.size(), stored.size(), h.name() + " heartbeats stored");
    }
    JsonArray list = node.getOk("/api/health").getJsonArray("dvms");
    for (HeartbeatSchedule h : schedules) {
      boolean listed = false;
      for (int i = 0; i < list.size(); i++) {
        listed |= list.getJsonObject(i).getString("pubkey").equals(h.pubkey());
      }
      assertTrue(listed, h.name() + " in /api/health");
    }
    assertEquals("down", list.getJsonObject(0).getString("state"), "down first");
    assertBadgesPageAndMetrics(schedules);
    JsonArray dvms = node.getOk("/api/dvms?range=all&limit=1000").getJsonArray("dvms");
    assertTrue(dvms.size() > 0);
    for (int i = 0; i < dvms.size(); i++) {
      assertTrue(Set.of("up", "degraded", "down", "silent").contains(dvms.getJsonObject(i).getString("state")));
    }
  }

  private void assertBadgesPageAndMetrics(List<HeartbeatSchedule> schedules) throws Exception {
    HeartbeatSchedule steady = schedules.get(0);
    HeartbeatSchedule gone = schedules.get(3);
    String steadyNpub = Nip19.encodeNpub(steady.pubkey());
    String goneNpub = Nip19.encodeNpub(gone.pubkey());
    HttpResponse<String> badge = raw("/badge/" + steadyNpub + "/status.svg");
    assertEquals(200, badge.statusCode());
    assertEquals("public, max-age=60", badge.headers().firstValue("Cache-Control").orElse(null));
    assertTrue(badge.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
    assertTrue(badge.body().contains(">up<"), badge.body());
    assertTrue(raw("/badge/" + goneNpub + "/status.svg").body().contains(">down<"));
    JsonObject goneHealth = node.getOk("/api/dvms/" + gone.pubkey() + "/health");
    String pct = String.format(java.util.Locale.ROOT, "%.1f%%",
        Math.floor(goneHealth.getJsonObject("uptime").getDouble("30d") * 1000) / 10);
    assertTrue(raw("/badge/" + goneNpub + "/uptime.svg").body().contains(">" + pct + "<"), pct);
    HttpResponse<String> page = raw("/status/" + goneNpub);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Beacon Gone") && page.body().contains("<strong>down</strong>"));
    assertEquals(404, raw("/badge/" + Nip19.encodeNpub("ab".repeat(32)) + "/status.svg").statusCode());
    assertEquals(400, raw("/status/nonsense").statusCode());
    String metrics = raw("/metrics").body();
    String upLines = java.util.Arrays.stream(metrics.split("\n")).filter(l -> l.startsWith("dvmdash_dvm_"))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertTrue(metrics.contains("dvmdash_dvm_up{dvm=\"" + steadyNpub + "\"} 1.0"), "steady watched DVM up: " + upLines);
    assertTrue(metrics.contains("dvmdash_dvm_up{dvm=\"" + goneNpub + "\"} 0.0"), "gone watched DVM down");
    assertTrue(!metrics.contains(Nip19.encodeNpub(schedules.get(1).pubkey())), "unwatched DVMs have no series");
  }

  private HttpResponse<String> raw(String path) throws Exception {
    int port = node.port;
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aLiveChangeGoesToTheStreamAndTheWebhook() throws Exception {
    HeartbeatSchedule gone = sim.truth().heartbeatSchedules().get(3);
    String path = "/api/dvms/" + gone.pubkey() + "/health";
    TestNode.await("Beacon Gone down", 60, () -> {
      try {
        return "down".equals(node.getOk(path).getString("state"));
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + node.port + "/api/stream")).build(),
        HttpResponse.BodyHandlers.ofLines());
    Thread reader = new Thread(() -> stream.body().forEach(events::add));
    reader.setDaemon(true);
    reader.start();
    // a second node serving only the API (no evaluator) on the same PostgreSQL follows the changes too
    JsonObject apiConfig = node.config.copy().put("role", "api").put("data_dir", dir.resolve("api").toString());
    apiConfig.getJsonObject("http").put("port", TestNode.freePort());
    TestNode apiNode = TestNode.start(apiConfig, now);
    List<String> apiEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpResponse<java.util.stream.Stream<String>> apiStream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + apiNode.port + "/api/stream")).build(),
        HttpResponse.BodyHandlers.ofLines());
    Thread apiReader = new Thread(() -> apiStream.body().forEach(apiEvents::add));
    apiReader.setDaemon(true);
    apiReader.start();
    Thread.sleep(2_500); // the follower starts from the changes present at its start
    // it comes back: a heartbeat 10 minutes ago makes it up 300 s after the next grid point, inside the decided range
    long beat = now - 600;
    sim.publish(dvmdash.simulator.HeartbeatScript.beat(sim.network().plan(), 3, gone, beat));
    long upAt = gridAfter(beat) + PENDING;
    TestNode.await("webhook delivery after one 500", 60, () -> !hooks.isEmpty());
    JsonObject hook = hooks.get(0);
    assertEquals(gone.pubkey(), hook.getString("pubkey"));
    assertEquals(Nip19.encodeNpub(gone.pubkey()), hook.getString("npub"));
    assertEquals("up", hook.getString("state"));
    assertEquals("down", hook.getString("previous"));
    assertEquals(upAt, hook.getLong("at"));
    assertEquals("heartbeat at " + beat, hook.getString("cause"));
    assertTrue(hookCalls.get() >= 2, "retried after the 500");
    // the same change as a direct message on the relay, opened with the operator's key
    String upText = "DVMDash: DVM " + Nip19.encodeNpub(gone.pubkey()) + " is UP (was down) since "
        + java.time.Instant.ofEpochSecond(upAt).toString().replace('T', ' ').replace("Z", " UTC")
        + ". Cause: heartbeat at " + beat + ".\nnostr:" + Nip19.encodeNpub(gone.pubkey());
    TestNode.await("the direct message on the relay", 60, () -> wraps.stream()
        .map(w -> PrivateMessage.unwrap(w, operator)).anyMatch(o -> o.text().equals(upText)));
    PrivateMessage.Opened dm = wraps.stream().map(w -> PrivateMessage.unwrap(w, operator))
        .filter(o -> o.text().equals(upText)).findFirst().orElseThrow();
    assertEquals(dvmdash.health.MonitorKey.fromConfig(node.config, null).orElseThrow().pubkey(), dm.sender());
    TestNode.await("health event on the stream", 30, () -> events.stream().anyMatch(l -> l.equals("event: health")));
    assertTrue(events.stream().anyMatch(l -> l.startsWith("data:") && l.contains(gone.pubkey())
        && l.contains("\"state\":\"up\"")), String.join("\n", events));
    TestNode.await("health event on the API-only node's stream", 30,
        () -> apiEvents.stream().anyMatch(l -> l.startsWith("data:") && l.contains(gone.pubkey())
            && l.contains("\"state\":\"up\"")));
    apiNode.close();
    JsonObject health = node.getOk(path);
    assertEquals("up", health.getString("state"));
    assertEquals(upAt, health.getLong("since"));
    JsonObject outage = health.getJsonArray("outages").getJsonObject(0);
    assertEquals(upAt, outage.getLong("end"), "the outage ended");
  }

  @Test
  void aMaintenanceWindowMutesTheNotificationsAndShowsOnTheStatusPage() throws Exception {
    HeartbeatSchedule gone = sim.truth().heartbeatSchedules().get(3);
    String npub = Nip19.encodeNpub(gone.pubkey());
    String path = "/api/dvms/" + gone.pubkey() + "/health";
    String body = "{\"pubkey\":\"" + npub + "\",\"start\":" + (now - 3_600) + ",\"end\":\""
        + java.time.Instant.ofEpochSecond(now + 3_600) + "\",\"note\":\"moving to a new GPU <b>\"}";
    assertEquals(401, send("POST", "/api/admin/maintenance", body, null).statusCode());
    HttpResponse<String> bad = send("POST", "/api/admin/maintenance",
        "{\"pubkey\":\"" + npub + "\",\"start\":" + now + ",\"end\":" + (now - 1) + "}", "secret");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("end must be after start"), bad.body());
    HttpResponse<String> added = send("POST", "/api/admin/maintenance", body, "secret");
    assertEquals(200, added.statusCode(), added.body());
    long id = new JsonObject(added.body()).getLong("id");
    TestNode.await("Beacon Gone down", 60, () -> {
      try {
        return "down".equals(node.getOk(path).getString("state"));
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    // it comes back inside the window: the change is decided and streamed, but neither POSTed nor messaged
    long beat = now - 600;
    sim.publish(dvmdash.simulator.HeartbeatScript.beat(sim.network().plan(), 3, gone, beat));
    TestNode.await("the change muted", 60, () -> {
      try {
        return java.util.Arrays.stream(raw("/metrics").body().split("\n"))
            .anyMatch(l -> l.startsWith("dvmdash_health_notifications_muted_total") && l.endsWith(" 1.0"));
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals("up", node.getOk(path).getString("state"));
    assertEquals(0, hookCalls.get(), "no webhook call");
    assertTrue(wraps.isEmpty(), "no direct message");
    JsonArray windows = node.getOk(path).getJsonArray("maintenance");
    assertEquals(1, windows.size());
    JsonAssert.assertSubset("window", new JsonObject().put("id", id).put("start", now - 3_600)
        .put("end", now + 3_600).put("note", "moving to a new GPU <b>").put("active", true), windows.getJsonObject(0));
    String page = raw("/status/" + npub).body();
    assertTrue(page.contains("<strong>Under maintenance</strong>") && page.contains("moving to a new GPU &lt;b&gt;"),
        page);
    JsonArray listed = new JsonObject(send("GET", "/api/admin/maintenance", null, "secret").body())
        .getJsonArray("maintenance");
    assertEquals(gone.pubkey(), listed.getJsonObject(0).getString("pubkey"));
    assertEquals(200, send("DELETE", "/api/admin/maintenance?id=" + id, null, "secret").statusCode());
    assertEquals(404, send("DELETE", "/api/admin/maintenance?id=" + id, null, "secret").statusCode());
    assertTrue(node.getOk(path).getJsonArray("maintenance").isEmpty());
  }

  @Test
  void probeLatencyPercentilesPerWindow() throws Exception {
    String dvm = sim.truth().heartbeatSchedules().get(1).pubkey();
    TestNode.await("its heartbeats evaluated", 60, () -> {
      try {
        return node.getOk("/api/dvms/" + dvm + "/health").getLong("evaluated_at") != null;
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    // answered pings of known durations at known ages, one unanswered, one older than 30 days
    StringBuilder values = new StringBuilder();
    long[][] pings = {{3_600, 1}, {7_200, 2}, {10_800, 3}, {2 * DAY, 10}, {4 * DAY, 10}, {6 * DAY, 10},
        {10 * DAY, 20}, {15 * DAY, 20}, {20 * DAY, 20}, {25 * DAY, 20}, {40 * DAY, 99}};
    for (int i = 0; i < pings.length; i++) {
      long sent = now - pings[i][0];
      values.append(i == 0 ? "" : ",").append("('p").append(i).append("','").append(dvm).append("',").append(sent)
          .append(',').append(sent + pings[i][1]).append(')');
    }
    values.append(",('lost','").append(dvm).append("',").append(now - 5_000).append(",NULL)");
    node.sqlRow("WITH i AS (INSERT INTO health_probes (ping_id, dvm, sent_at, pong_at) VALUES " + values
        + " RETURNING 1) SELECT count(*) FROM i");
    JsonObject got = node.getOk("/api/dvms/" + dvm + "/health").getJsonObject("probe_seconds");
    // nearest rank: 24 h {1,2,3}; 7 d {1,2,3,10,10,10}; 30 d {1,2,3,10,10,10,20,20,20,20}
    assertEquals(new JsonObject()
        .put("24h", new JsonObject().put("p50", 2).put("p95", 3))
        .put("7d", new JsonObject().put("p50", 3).put("p95", 10))
        .put("30d", new JsonObject().put("p50", 10).put("p95", 20)), got);
  }

  @Test
  void aSyntheticJobIsTimedToItsResult() throws Exception {
    String path = "/api/dvms/" + jobDvm.pubkey() + "/health";
    assertEquals(200, send("POST", "/api/admin/watch", "{\"pubkey\":\"" + jobDvm.pubkey() + "\"}", "secret")
        .statusCode());
    TestNode.await("a synthetic job answered", 60, () -> {
      try {
        JsonObject j = node.getOk(path).getJsonObject("last_job");
        return j != null && j.getBoolean("ok");
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    JsonObject job = node.getOk(path).getJsonObject("last_job");
    assertEquals(jobKind, job.getInteger("kind"));
    assertTrue(job.getLong("seconds") >= 0 && job.getLong("seconds") <= 10, job.encode());
    assertEquals(null, job.getString("error"));
    // the request is on the relay, signed by the monitor, with the configured input, p-tagging the DVM
    JsonObject request = node.getOk("/api/jobs/" + job.getString("request_id")).getJsonObject("request");
    assertEquals(jobKind, request.getInteger("kind"));
    assertTrue(request.getJsonObject("event").getJsonArray("tags").encode().contains("[\"i\",\"Say hello\",\"text\"]"),
        request.encode());
    assertTrue(raw("/metrics").body().contains("dvmdash_health_synthetic_jobs_total{result=\"sent\"}"));
  }

  private double evaluationRounds() throws Exception {
    return java.util.Arrays.stream(raw("/metrics").body().split("\n"))
        .filter(l -> l.startsWith("dvmdash_health_evaluations_total")).mapToDouble(l -> Double.parseDouble(
            l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
  }

  @Test
  void aDvmStillDownWhenItsMaintenanceEndsIsNotifiedOnce() throws Exception {
    HeartbeatSchedule gone = sim.truth().heartbeatSchedules().get(3);
    String path = "/api/dvms/" + gone.pubkey() + "/health";
    TestNode.await("Beacon Gone down", 60, () -> {
      try {
        return "down".equals(node.getOk(path).getString("state"));
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    long down = node.getOk(path).getLong("since");
    // a window around its going down (so that change was muted), ended ten minutes after it
    node.sqlRow("WITH i AS (INSERT INTO health_maintenance (dvm, starts_at, ends_at, note, created_at) VALUES ('"
        + gone.pubkey() + "', " + (down - 600) + ", " + (down + 600) + ", 'move', " + now + ") RETURNING 1) "
        + "SELECT count(*) FROM i");
    TestNode.await("the follow-up on the webhook", 60, () -> !hooks.isEmpty());
    JsonObject hook = hooks.get(0);
    JsonAssert.assertSubset("follow-up", new JsonObject().put("pubkey", gone.pubkey()).put("state", "down")
        .put("previous", "down").put("at", down + 600).put("since", down).put("maintenance_ended", true)
        .put("cause", "no heartbeat for more than 900 s and no result"), hook);
    String text = "DVMDash: DVM " + Nip19.encodeNpub(gone.pubkey()) + " is still DOWN after its maintenance window"
        + " ended at " + java.time.Instant.ofEpochSecond(down + 600).toString().replace('T', ' ').replace("Z", " UTC");
    TestNode.await("the follow-up as a direct message", 60, () -> wraps.stream()
        .map(w -> PrivateMessage.unwrap(w, operator)).anyMatch(o -> o.text().startsWith(text)));
    // once: later rounds do not repeat it
    double rounds = evaluationRounds();
    TestNode.await("three more health rounds", 60, () -> {
      try {
        return evaluationRounds() >= rounds + 3;
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals(1, hooks.size(), hooks.toString());
  }

  @Test
  void aWatchedDvmIsPingedAndItsPongTimed() throws Exception {
    String dvm = sim.network().dvms().get(0).pubkey();
    assertEquals(200, send("POST", "/api/admin/watch", "{\"pubkey\":\"" + dvm + "\"}", "secret").statusCode());
    String path = "/api/dvms/" + dvm + "/health";
    TestNode.await("a ping answered by a pong", 60, () -> {
      try {
        JsonObject p = node.getOk(path).getJsonObject("last_probe");
        return p != null && p.getBoolean("ok");
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    JsonObject h = node.getOk(path);
    JsonObject probe = h.getJsonObject("last_probe");
    assertTrue(probe.getLong("seconds") >= 0 && probe.getLong("seconds") <= 5, probe.encode());
    assertTrue(h.getJsonObject("probe_seconds").getJsonObject("24h").getLong("p50") != null);
    // the ping itself was signed by the monitor and sits on the configured relay; the key is never served
    assertTrue(!node.text("/api/dvms/" + dvm + "/health").contains("07".repeat(32)));
    String metrics = raw("/metrics").body();
    assertTrue(metrics.contains("dvmdash_health_probes_sent_total"), "probe counter exported");
  }

  @Test
  void watchListThroughTheAdminApi() throws Exception {
    HeartbeatSchedule flaky = sim.truth().heartbeatSchedules().get(1);
    String npub = Nip19.encodeNpub(flaky.pubkey());
    assertEquals(401, send("POST", "/api/admin/watch", "{\"pubkey\":\"" + npub + "\"}", null).statusCode());
    assertEquals(400, send("POST", "/api/admin/watch", "{\"pubkey\":\"nope\"}", "secret").statusCode());
    assertEquals(400, send("POST", "/api/admin/watch", "[1]", "secret").statusCode());
    HttpResponse<String> added = send("POST", "/api/admin/watch", "{\"pubkey\":\"" + npub + "\"}", "secret");
    assertEquals(200, added.statusCode(), added.body());
    JsonArray watch = new JsonObject(added.body()).getJsonArray("watch");
    assertEquals(3, watch.size());
    assertEquals("admin", watch.getJsonObject(2).getString("source"));
    TestNode.await("series for the newly watched DVM", 60, () -> {
      try {
        return raw("/metrics").body().contains("dvmdash_dvm_up{dvm=\"" + npub + "\"}");
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    TestNode.await("watched DVMs listed first", 60, () -> {
      try {
        JsonArray l = node.getOk("/api/health").getJsonArray("dvms");
        return l.size() >= 4 && l.getJsonObject(0).getBoolean("watched") && l.getJsonObject(1).getBoolean("watched")
            && l.getJsonObject(2).getBoolean("watched") && !l.getJsonObject(3).getBoolean("watched");
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    assertEquals(400, send("DELETE", "/api/admin/watch?pubkey=" + sim.truth().heartbeatSchedules().get(0).pubkey(),
        null, "secret").statusCode(), "configured ones stay");
    assertEquals(200, send("DELETE", "/api/admin/watch?pubkey=" + npub, null, "secret").statusCode());
    assertEquals(404, send("DELETE", "/api/admin/watch?pubkey=" + npub, null, "secret").statusCode());
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void badAndUnknownPubkeys() throws Exception {
    TestNode.Reply bad = node.get("/api/dvms/xyz/health");
    assertEquals(400, bad.status());
    assertTrue(bad.body().getString("error").contains("pubkey"));
    TestNode.Reply unknown = node.get("/api/dvms/" + "ab".repeat(32) + "/health");
    assertEquals(404, unknown.status());
    NostrEvent anyResult = sim.truth().validEvents().stream().filter(e -> e.kind() >= 6000 && e.kind() < 7000)
        .findFirst().orElseThrow();
    TestNode.await("a DVM's results stored", 60, () -> {
      try {
        return node.get("/api/dvms/" + anyResult.pubkey() + "/health").status() == 200;
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
  }
}
