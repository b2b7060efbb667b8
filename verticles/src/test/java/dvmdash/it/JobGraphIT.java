package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Nip19;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job debugger against the simulator through the real node: jobs picked from the simulator's ground truth (a
 * chained one, one with an error, one with a payment request and no result) and a 3-level chain with a failing middle
 * step published live must come back from {@code /api/jobs/{id}} with exactly the nodes, edges and diagnosis that
 * their events imply. The expectation is computed here from the events, independently of dvmdash.jobs. The tests
 * only read, so one simulator and one node serve the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(RawStoreUnderTest.class)
class JobGraphIT {

  @Parameter
  RawStoreUnderTest rawStore;

  @TempDir
  static Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private RawStoreUnderTest.Handle mongo;
  private TestNode node;
  private long now;
  private Truth truth;

  @BeforeParameterizedClassInvocation
  void start(RawStoreUnderTest raw) throws Exception {
    now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    SimulationPlan plan = new SimulationPlan(11, 30, 10, 600, SimulationPlan.DEFAULT_SPAN_SECONDS, 0.0);
    sim = Simulator.start(simVertx, plan, List.of(SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    mongo = raw.start();
    node = TestNode.start(TestNode.config(TestPostgres.freshDatabase(), mongo.uri(), sim.urls(), dir), now);
    publishChainWithFailingMiddleStep();
    List<NostrEvent> valid = sim.truth().validEvents();
    long expected = PipelineIT.expectedRawCount(valid);
    TestNode.await("all " + expected + " valid events stored", 120, () -> {
      try {
        return node.rawCount() == expected;
      } catch (Exception e) {
        return false;
      }
    });
    truth = new Truth(valid);
  }

  @AfterParameterizedClassInvocation
  void stop() throws Exception {
    node.close();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
  }

  private NostrEvent chainTop;
  private NostrEvent chainMiddle;
  private NostrEvent chainLeaf;
  private final EventSigner middleDvm = EventSigner.fromSeed(7_002);

  /** Step 1 answered, step 2 fails with an error, step 3 gets no answer. */
  private void publishChainWithFailingMiddleStep() {
    EventSigner user = EventSigner.fromSeed(7_000);
    EventSigner firstDvm = EventSigner.fromSeed(7_001);
    long t = now - 600;
    chainTop = user.sign(t, 5300, List.of(List.of("i", "bitcoin", "text")), "");
    chainMiddle = user.sign(t + 30, 5001, List.of(List.of("i", chainTop.id(), "job"), List.of("p",
        middleDvm.pubkey())), "");
    chainLeaf = user.sign(t + 60, 5002, List.of(List.of("i", chainMiddle.id(), "job")), "");
    NostrEvent result = firstDvm.sign(t + 12, 6300, List.of(List.of("e", chainTop.id()),
        List.of("p", user.pubkey())), "[]");
    NostrEvent error = middleDvm.sign(t + 40, 7000, List.of(List.of("status", "error", "input too long"),
        List.of("e", chainMiddle.id()), List.of("p", user.pubkey())), "");
    for (NostrEvent e : List.of(chainTop, result, chainMiddle, error, chainLeaf)) {
      sim.publish(e);
    }
  }

  @Test
  void chainedJobFromTheSimulatorMatchesItsEvents() throws Exception {
    String child = null;
    for (NostrEvent r : truth.requests.values()) {
      List<String> inputs = Truth.inputJobs(r);
      if (!inputs.isEmpty() && truth.requests.containsKey(inputs.get(0)) && !r.id().equals(chainMiddle.id())
          && !r.id().equals(chainLeaf.id())) {
        child = r.id();
        break;
      }
    }
    assertNotNull(child, "the simulator published a chained job");
    JsonObject g = node.getOk("/api/jobs/" + child);
    assertGraphMatches(child, g);
    assertTrue(truth.chain(child).size() >= 2);
    // the same job through a response id and through its note1 form
    List<NostrEvent> responses = truth.responses.getOrDefault(child, List.of());
    if (!responses.isEmpty()) {
      assertEquals(child, node.getOk("/api/jobs/" + responses.get(0).id()).getJsonObject("request").getString("id"));
    }
    assertEquals(child, node.getOk("/api/jobs/" + Nip19.encodeNote(child)).getJsonObject("request").getString("id"));
  }

  @Test
  void errorJobIsDiagnosedWithItsMessage() throws Exception {
    NostrEvent error = null;
    for (Map.Entry<String, List<NostrEvent>> e : truth.responses.entrySet()) {
      if (!truth.requests.containsKey(e.getKey()) || e.getKey().equals(chainMiddle.id())) {
        continue;
      }
      for (NostrEvent r : e.getValue()) {
        if (r.kind() == 7000 && "error".equals(r.tagValue("status")) && !truth.hasResult(e.getKey(), r.pubkey())) {
          error = r;
        }
      }
    }
    assertNotNull(error, "the simulator published an error");
    String job = error.tagValue("e");
    JsonObject g = node.getOk("/api/jobs/" + job);
    assertGraphMatches(job, g);
    String message = error.tag("status").size() > 2 ? error.tag("status").get(2) : error.content();
    JsonObject finding = finding(g, "error", error.pubkey());
    // a job that is also a step of a simulated chain gets its step appended: "… (chain step N)"
    assertTrue(finding.getString("message").matches(".*reported an error: " + java.util.regex.Pattern.quote(message)
        + "( \\(chain step \\d+\\))?"), finding.encode());
    JsonObject node = nodeOf(g, error.id());
    assertEquals("error", node.getString("status"));
    assertEquals(message, node.getString("message"));
  }

  @Test
  void paymentWithoutResultIsDiagnosedWithTheAmount() throws Exception {
    NostrEvent pay = null;
    for (Map.Entry<String, List<NostrEvent>> e : truth.responses.entrySet()) {
      if (!truth.requests.containsKey(e.getKey()) || !e.getValue().stream().noneMatch(r -> r.kind() != 7000)) {
        continue;
      }
      for (NostrEvent r : e.getValue()) {
        if ("payment-required".equals(r.tagValue("status")) && r.tagValue("amount").matches("[0-9]+")) {
          pay = r;
        }
      }
    }
    assertNotNull(pay, "the simulator published a payment request without result");
    String job = pay.tagValue("e");
    JsonObject g = node.getOk("/api/jobs/" + job);
    assertGraphMatches(job, g);
    NostrEvent latest = null;
    for (NostrEvent r : truth.responses.get(job)) {
      if (r.pubkey().equals(pay.pubkey()) && "payment-required".equals(r.tagValue("status"))
          && r.tagValue("amount").matches("[0-9]+")) {
        latest = r;
      }
    }
    long msat = Long.parseLong(latest.tagValue("amount"));
    JsonObject finding = finding(g, "payment_without_result", pay.pubkey());
    assertEquals(msat, finding.getLong("amount_msat"));
    assertEquals("payment-required", g.getJsonObject("request").getString("status"));
    assertEquals(msat, nodeOf(g, latest.id()).getLong("amount_msat"));
  }

  @Test
  void threeLevelChainNamesTheFailingStepAndItsDvm() throws Exception {
    JsonObject g = node.getOk("/api/jobs/" + chainLeaf.id());
    assertGraphMatches(chainLeaf.id(), g);
    assertEquals(3, g.getInteger("chain_length"));
    JsonObject failed = finding(g, "chain_step_failed", middleDvm.pubkey());
    assertEquals(2, failed.getInteger("step"));
    assertEquals(chainMiddle.id(), failed.getString("job"));
    assertTrue(g.getJsonObject("diagnosis").getString("summary").startsWith("chain step 2 of 3 (kind 5001"),
        g.getJsonObject("diagnosis").encode());
    assertTrue(g.getJsonObject("diagnosis").getString("summary").endsWith("reported an error: input too long"));
  }

  @Test
  void recentJobsAreNewestFirstWithDerivedStatus() throws Exception {
    JsonArray jobs = node.getOk("/api/jobs?limit=100").getJsonArray("jobs");
    assertEquals(100, jobs.size());
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject j = jobs.getJsonObject(i);
      assertTrue(j.getLong("created_at") <= previous, "newest first");
      previous = j.getLong("created_at");
      assertEquals(truth.status(j.getString("id")), j.getString("status"), j.encode());
    }
    JsonArray errors = node.getOk("/api/jobs?status=error&limit=20").getJsonArray("jobs");
    assertFalse(errors.isEmpty());
    for (int i = 0; i < errors.size(); i++) {
      assertEquals("error", truth.status(errors.getJsonObject(i).getString("id")));
    }
    String dvm = middleDvm.pubkey();
    JsonArray byDvm = node.getOk("/api/jobs?dvm=" + Nip19.encodeNpub(dvm)).getJsonArray("jobs");
    assertEquals(1, byDvm.size());
    assertEquals(chainMiddle.id(), byDvm.getJsonObject(0).getString("id"));
    assertEquals(400, node.get("/api/jobs?status=done").status());
    assertEquals(400, node.get("/api/jobs?kind=7000").status());
    assertEquals(400, node.get("/api/jobs?limit=0").status());
    assertEquals(400, node.get("/api/jobs/xyz").status());
    assertEquals(404, node.get("/api/jobs/" + "0".repeat(64)).status());
  }

  @Test
  void everyJobsFilterListsExactlyTheMatchingJobsNewestFirst() throws Exception {
    java.util.Comparator<NostrEvent> newestFirst = java.util.Comparator.comparingLong(NostrEvent::createdAt)
        .thenComparing(NostrEvent::id).reversed();
    List<NostrEvent> all = truth.requests.values().stream().sorted(newestFirst).toList();
    for (String status : List.of("success", "error", "payment-required", "processing", "waiting")) {
      List<String> expected = all.stream().filter(r -> truth.status(r.id()).equals(status)).map(NostrEvent::id)
          .limit(500).toList();
      assertEquals(expected, ids(node.getOk("/api/jobs?status=" + status + "&limit=500")), status);
    }
    NostrEvent sample = all.get(all.size() / 2);
    assertEquals(all.stream().filter(r -> r.kind() == sample.kind()).map(NostrEvent::id).limit(500).toList(),
        ids(node.getOk("/api/jobs?kind=" + sample.kind() + "&limit=500")), "by kind");
    assertEquals(all.stream().filter(r -> r.pubkey().equals(sample.pubkey())).map(NostrEvent::id).limit(500)
        .toList(), ids(node.getOk("/api/jobs?user=" + sample.pubkey() + "&limit=500")), "by user");
    List<String> firstPage = ids(node.getOk("/api/jobs?limit=7"));
    assertEquals(all.stream().limit(7).map(NostrEvent::id).toList(), firstPage, "newest first");
    long until = all.get(40).createdAt();
    assertEquals(all.stream().filter(r -> r.createdAt() <= until).limit(7).map(NostrEvent::id).toList(),
        ids(node.getOk("/api/jobs?limit=7&until=" + until)), "until is inclusive");
  }

  private static List<String> ids(JsonObject page) {
    List<String> out = new ArrayList<>();
    page.getJsonArray("jobs").forEach(j -> out.add(((JsonObject) j).getString("id")));
    return out;
  }

  private static JsonObject finding(JsonObject g, String code, String dvm) {
    JsonArray findings = g.getJsonObject("diagnosis").getJsonArray("findings");
    for (int i = 0; i < findings.size(); i++) {
      JsonObject f = findings.getJsonObject(i);
      if (f.getString("code").equals(code) && dvm.equals(f.getString("dvm"))) {
        return f;
      }
    }
    throw new AssertionError("no finding " + code + " for " + dvm + " in " + findings.encodePrettily());
  }

  private static JsonObject nodeOf(JsonObject g, String id) {
    JsonArray nodes = g.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.getJsonObject(i).getString("id").equals(id)) {
        return nodes.getJsonObject(i);
      }
    }
    throw new AssertionError("no node " + id);
  }

  /** Nodes and edges of the answer equal what the events of the job's chain imply. */
  private void assertGraphMatches(String root, JsonObject g) {
    assertEquals(root, g.getJsonObject("request").getString("id"));
    Set<String> nodes = new HashSet<>();
    Set<String> edges = new HashSet<>();
    for (String job : truth.chain(root)) {
      nodes.add(job);
      NostrEvent request = truth.requests.get(job);
      List<String> zapTargets = new ArrayList<>(List.of(job));
      if (request != null) {
        nodes.add(request.pubkey());
        edges.add(request.pubkey() + ">" + job + ":authored");
        for (String p : request.tagValues("p")) {
          nodes.add(p);
          edges.add(job + ">" + p + ":addressed_to");
        }
        for (String parent : Truth.inputJobs(request)) {
          if (truth.chain(root).contains(parent)) {
            edges.add(parent + ">" + job + ":input_of");
          }
        }
      }
      for (NostrEvent r : truth.responses.getOrDefault(job, List.of())) {
        nodes.add(r.id());
        nodes.add(r.pubkey());
        edges.add(r.pubkey() + ">" + r.id() + ":authored");
        edges.add(r.id() + ">" + job + (r.kind() == 7000 ? ":feedback_for" : ":result_for"));
        zapTargets.add(r.id());
      }
      for (String target : zapTargets) {
        for (NostrEvent z : truth.zaps.getOrDefault(target, List.of())) {
          nodes.add(z.id());
          edges.add(z.id() + ">" + target + ":zap_for");
        }
      }
    }
    Set<String> gotNodes = new HashSet<>();
    JsonArray n = g.getJsonArray("nodes");
    for (int i = 0; i < n.size(); i++) {
      gotNodes.add(n.getJsonObject(i).getString("id"));
    }
    Set<String> gotEdges = new HashSet<>();
    JsonArray e = g.getJsonArray("edges");
    for (int i = 0; i < e.size(); i++) {
      JsonObject o = e.getJsonObject(i);
      gotEdges.add(o.getString("from") + ">" + o.getString("to") + ":" + o.getString("type"));
    }
    assertEquals(nodes, gotNodes, "nodes of " + root);
    assertEquals(edges, gotEdges, "edges of " + root);
    assertEquals(nodes.size() - countActors(g), g.getJsonArray("timeline").size()
        + missingRequests(g), "timeline holds every event node");
  }

  private static int countActors(JsonObject g) {
    int n = 0;
    JsonArray nodes = g.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      String type = nodes.getJsonObject(i).getString("type");
      n += type.equals("dvm") || type.equals("user") ? 1 : 0;
    }
    return n;
  }

  private static int missingRequests(JsonObject g) {
    int n = 0;
    JsonArray nodes = g.getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      n += nodes.getJsonObject(i).getBoolean("missing", false) ? 1 : 0;
    }
    return n;
  }

  /** The ground truth's job structure, computed directly from the published events. */
  private static final class Truth {
    private final Map<String, NostrEvent> requests = new HashMap<>();
    private final Map<String, List<NostrEvent>> responses = new HashMap<>();
    private final Map<String, List<NostrEvent>> zaps = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();

    Truth(List<NostrEvent> valid) {
      for (NostrEvent e : valid) {
        if (e.kind() >= 5000 && e.kind() <= 5999) {
          requests.put(e.id(), e);
          for (String parent : inputJobs(e)) {
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(e.id());
          }
        } else if (e.kind() >= 6000 && e.kind() <= 7000 && e.tagValue("e") != null) {
          responses.computeIfAbsent(e.tagValue("e"), k -> new ArrayList<>()).add(e);
        } else if (e.kind() == 9735 && e.tagValue("e") != null) {
          zaps.computeIfAbsent(e.tagValue("e"), k -> new ArrayList<>()).add(e);
        }
      }
      for (List<NostrEvent> list : responses.values()) {
        list.sort((a, b) -> a.createdAt() != b.createdAt() ? Long.compare(a.createdAt(), b.createdAt())
            : a.id().compareTo(b.id()));
      }
    }

    static List<String> inputJobs(NostrEvent request) {
      List<String> out = new ArrayList<>();
      for (List<String> t : request.tagsNamed("i")) {
        if (t.size() > 2 && t.get(2).equals("job")) {
          out.add(t.get(1));
        }
      }
      return out;
    }

    /** The root, the jobs it consumes (transitively) and the jobs that consume it (transitively). */
    Set<String> chain(String root) {
      Set<String> seen = new LinkedHashSet<>(List.of(root));
      Deque<String> up = new ArrayDeque<>(List.of(root));
      while (!up.isEmpty()) {
        NostrEvent r = requests.get(up.poll());
        for (String parent : r == null ? List.<String>of() : inputJobs(r)) {
          if (seen.add(parent)) {
            up.add(parent);
          }
        }
      }
      Deque<String> down = new ArrayDeque<>(List.of(root));
      while (!down.isEmpty()) {
        for (String child : children.getOrDefault(down.poll(), List.of())) {
          if (seen.add(child)) {
            down.add(child);
          }
        }
      }
      return seen;
    }

    boolean hasResult(String job, String dvm) {
      return responses.getOrDefault(job, List.of()).stream().anyMatch(r -> r.kind() != 7000
          && r.pubkey().equals(dvm));
    }

    /** success if any result; else the latest feedback's status (partial/unknown → processing); else waiting. */
    String status(String job) {
      List<NostrEvent> rs = responses.getOrDefault(job, List.of());
      if (rs.stream().anyMatch(r -> r.kind() != 7000)) {
        return "success";
      }
      if (rs.isEmpty()) {
        return "waiting";
      }
      String s = rs.get(rs.size() - 1).tagValue("status");
      return s == null ? "processing" : switch (s) {
        case "payment-required", "error", "success" -> s;
        default -> "processing";
      };
    }
  }
}
