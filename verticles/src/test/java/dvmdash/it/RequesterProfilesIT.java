package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requester names: the simulator publishes kind 0 profiles for every third customer, which the collector does not
 * follow until the API shows those requesters. After {@code /api/jobs} listed them, the list and a job's document
 * carry exactly the latest kind 0 name and picture of each shown requester that has one (from the simulator's
 * events, read here independently), and nothing for the others; so do pages of {@code /api/events} for their
 * authors.
 */
class RequesterProfilesIT {

  @TempDir
  Path dir;
  private Vertx simVertx;
  private TestNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** {pubkey: {name, picture}} of the latest kind 0 (ties to the lower id) of each of {@code pubkeys} that has one. */
  static JsonObject expectedProfiles(List<NostrEvent> valid, Set<String> pubkeys) {
    Map<String, NostrEvent> latest = new HashMap<>();
    for (NostrEvent e : valid) {
      if (e.kind() == 0 && pubkeys.contains(e.pubkey())) {
        NostrEvent cur = latest.get(e.pubkey());
        if (cur == null || e.createdAt() > cur.createdAt()
            || (e.createdAt() == cur.createdAt() && e.id().compareTo(cur.id()) < 0)) {
          latest.put(e.pubkey(), e);
        }
      }
    }
    JsonObject out = new JsonObject();
    latest.forEach((pk, e) -> {
      JsonObject c = new JsonObject(e.content());
      out.put(pk, new JsonObject().put("name", c.getString("name")).put("picture", c.getString("picture")));
    });
    return out;
  }

  /** Starts the simulator and a node following it; returns the simulated valid events once all are stored. */
  private List<NostrEvent> startAndIngest() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    SimulationPlan plan = new SimulationPlan(13, 30, 6, 300, SimulationPlan.DEFAULT_SPAN_SECONDS, 0.0);
    SimHandle sim = Simulator.start(simVertx, plan, List.of(SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    node = TestNode.start(TestNode.config(TestPostgres.freshDatabase(), null, sim.urls(), dir), now);
    List<NostrEvent> valid = sim.truth().validEvents();
    long expected = PipelineIT.expectedRawCount(valid);
    TestNode.await("all " + expected + " valid events stored", 120, () -> {
      try {
        return node.rawCount() == expected;
      } catch (Exception e) {
        return false;
      }
    });
    return valid;
  }

  @Test
  void shownRequestersGetTheNameAndPictureOfTheirLatestProfile() throws Exception {
    List<NostrEvent> valid = startAndIngest();

    JsonArray jobs = node.getOk("/api/jobs?limit=500").getJsonArray("jobs");
    Set<String> users = new LinkedHashSet<>();
    for (int i = 0; i < jobs.size(); i++) {
      String user = jobs.getJsonObject(i).getString("user");
      if (user != null) {
        users.add(user);
      }
    }
    JsonObject want = expectedProfiles(valid, users);
    assertTrue(want.size() > 0 && want.size() < users.size(),
        "some shown requesters have a profile and some do not: " + want.size() + " of " + users.size());
    TestNode.await("the shown requesters' profiles fetched", 60, () -> {
      try {
        return node.getOk("/api/jobs?limit=500").getJsonObject("profiles").size() == want.size();
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals(want, node.getOk("/api/jobs?limit=500").getJsonObject("profiles"));

    String named = want.fieldNames().iterator().next();
    String jobId = null;
    for (int i = 0; i < jobs.size() && jobId == null; i++) {
      if (named.equals(jobs.getJsonObject(i).getString("user"))) {
        jobId = jobs.getJsonObject(i).getString("id");
      }
    }
    JsonObject doc = node.getOk("/api/jobs/" + jobId);
    assertEquals(named, doc.getJsonObject("request").getString("user"));
    assertEquals(want.getJsonObject(named), doc.getJsonObject("profiles").getJsonObject(named));
    JsonObject byUser = node.getOk("/api/jobs?limit=5&user=" + named);
    assertEquals(new JsonObject().put(named, want.getJsonObject(named)), byUser.getJsonObject("profiles"));
  }

  /**
   * {@code /api/events}: a page of job requests names its authors as the job list does, in {@code profiles}; an
   * author with a kind 0 gets its name and picture, one without gets no entry; so does {@code /api/events/{id}}.
   */
  @Test
  void anEventsPageNamesItsAuthorsThatHaveAProfile() throws Exception {
    List<NostrEvent> valid = startAndIngest();
    Set<Integer> requestKinds = new TreeSet<>();
    for (NostrEvent e : valid) {
      if (e.kind() >= 5000 && e.kind() <= 5999) {
        requestKinds.add(e.kind());
      }
    }
    String query = "/api/events?limit=500&kind=" + requestKinds.stream().map(String::valueOf)
        .collect(Collectors.joining(","));
    JsonArray events = node.getOk(query).getJsonArray("events");
    Set<String> authors = new LinkedHashSet<>();
    for (int i = 0; i < events.size(); i++) {
      authors.add(events.getJsonObject(i).getJsonObject("event").getString("pubkey"));
    }
    JsonObject want = expectedProfiles(valid, authors);
    assertTrue(want.size() > 0 && want.size() < authors.size(),
        "some listed authors have a profile and some do not: " + want.size() + " of " + authors.size());
    TestNode.await("the listed authors' profiles fetched", 60, () -> {
      try {
        return node.getOk(query).getJsonObject("profiles").size() == want.size();
      } catch (Exception e) {
        return false;
      }
    });
    JsonObject got = node.getOk(query).getJsonObject("profiles");
    assertEquals(want, got);
    String named = want.fieldNames().stream().filter(pk -> want.getJsonObject(pk).getString("name") != null)
        .findFirst().orElseThrow();
    String unnamed = authors.stream().filter(a -> !want.containsKey(a)).findFirst().orElseThrow();
    JsonObject namedPage = node.getOk("/api/events?limit=5&author=" + named);
    assertEquals(new JsonObject().put(named, want.getJsonObject(named)), namedPage.getJsonObject("profiles"));
    String namedEvent = namedPage.getJsonArray("events").getJsonObject(0).getJsonObject("event").getString("id");
    assertEquals(new JsonObject().put(named, want.getJsonObject(named)),
        node.getOk("/api/events/" + namedEvent).getJsonObject("profiles"), "one event names its author too");
    JsonObject unnamedPage = node.getOk("/api/events?limit=5&author=" + unnamed);
    assertTrue(unnamedPage.getJsonArray("events").size() > 0, "the author without a profile has events");
    assertEquals(new JsonObject(), unnamedPage.getJsonObject("profiles"));
    String unnamedEvent = unnamedPage.getJsonArray("events").getJsonObject(0).getJsonObject("event").getString("id");
    assertEquals(new JsonObject(), node.getOk("/api/events/" + unnamedEvent).getJsonObject("profiles"));
  }
}
