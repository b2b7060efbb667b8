package dvmdash.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** JobGraph on hand-built, signed events: chains, failures, payments, expiration, cycles and the node cap. */
class JobGraphTest {

  private static final long T = 1_700_000_000L;
  private static final EventSigner ALICE = EventSigner.fromSeed(1);
  private static final EventSigner DVM_A = EventSigner.fromSeed(2);
  private static final EventSigner DVM_B = EventSigner.fromSeed(3);
  private static final EventSigner DVM_C = EventSigner.fromSeed(4);
  private static final EventSigner LNURL = EventSigner.fromSeed(5);

  static NostrEvent request(EventSigner by, long t, int kind, String input, String... extra) {
    List<List<String>> tags = new ArrayList<>();
    if (input != null) {
      tags.add(List.of("i", input, "job"));
    } else {
      tags.add(List.of("i", "hello", "text"));
    }
    for (int i = 0; i + 1 < extra.length; i += 2) {
      tags.add(List.of(extra[i], extra[i + 1]));
    }
    return by.sign(t, kind, tags, "");
  }

  static NostrEvent result(EventSigner dvm, NostrEvent req, long t) {
    return dvm.sign(t, req.kind() + 1000, List.of(List.of("e", req.id()), List.of("p", req.pubkey())), "done");
  }

  static NostrEvent feedback(EventSigner dvm, NostrEvent req, long t, List<String> status, List<String> amount) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(status);
    if (amount != null) {
      tags.add(amount);
    }
    tags.add(List.of("e", req.id()));
    tags.add(List.of("p", req.pubkey()));
    return dvm.sign(t, 7000, tags, "");
  }

  static NostrEvent zap(EventSigner dvm, NostrEvent zapped, long t, String bolt11) {
    return LNURL.sign(t, 9735, List.of(List.of("p", dvm.pubkey()), List.of("P", ALICE.pubkey()),
        List.of("e", zapped.id()), List.of("bolt11", bolt11), List.of("description", "{}")), "");
  }

  private static Set<String> edges(JobGraph g, String type) {
    return g.edges().stream().filter(e -> e.type().equals(type)).map(e -> e.from() + ">" + e.to())
        .collect(Collectors.toSet());
  }

  private static GraphNode node(JobGraph g, String id) {
    return g.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<Finding> findings(JobGraph g, String code) {
    return g.diagnosis().findings().stream().filter(f -> f.code().equals(code)).toList();
  }

  @Test
  void threeLevelChainIsFollowedBothWays() {
    NostrEvent a = request(ALICE, T, 5300, null);
    NostrEvent b = request(DVM_A, T + 10, 5050, a.id());
    NostrEvent c = request(ALICE, T + 20, 5250, b.id());
    NostrEvent ra = result(DVM_A, a, T + 5);
    NostrEvent rb = result(DVM_B, b, T + 15);
    NostrEvent rc = result(DVM_C, c, T + 27);
    JobGraph g = JobGraph.build(b.id(), List.of(a, b, c, ra, rb, rc));

    assertEquals(3, g.chain().jobs().size());
    assertEquals(Set.of(a.id() + ">" + b.id(), b.id() + ">" + c.id()), edges(g, GraphEdge.INPUT_OF));
    assertEquals(Set.of(ra.id() + ">" + a.id(), rb.id() + ">" + b.id(), rc.id() + ">" + c.id()),
        edges(g, GraphEdge.RESULT_FOR));
    assertEquals(-1, node(g, a.id()).level());
    assertEquals(0, node(g, b.id()).level());
    assertEquals(1, node(g, c.id()).level());
    // DVM_A answered job a and requested job b: one actor node with both roles
    assertEquals(List.of("dvm", "user"), node(g, DVM_A.pubkey()).roles());
    assertTrue(edges(g, GraphEdge.AUTHORED).contains(DVM_A.pubkey() + ">" + b.id()));
    assertEquals("success: DVM " + Wording.shortNpub(DVM_B.pubkey()) + " answered in 5 s (chain step 2)",
        g.diagnosis().summary());
    assertEquals(3, findings(g, Finding.SUCCESS).size());
    assertTrue(findings(g, Finding.CHAIN_STEP_FAILED).isEmpty());
    assertEquals(List.of(a.id(), ra.id(), b.id(), rb.id(), c.id(), rc.id()),
        g.timeline().stream().map(TimelineEntry::id).toList());
    assertFalse(g.truncated());
  }

  @Test
  void failingMiddleStepIsNamedWithItsDvm() {
    NostrEvent a = request(ALICE, T, 5300, null);
    NostrEvent b = request(ALICE, T + 10, 5050, a.id());
    NostrEvent c = request(ALICE, T + 20, 5250, b.id());
    NostrEvent ra = result(DVM_A, a, T + 5);
    NostrEvent processing = feedback(DVM_B, b, T + 11, List.of("status", "processing"), null);
    NostrEvent error = feedback(DVM_B, b, T + 14, List.of("status", "error", "Model overloaded"), null);
    JobGraph g = JobGraph.build(c.id(), List.of(a, b, c, ra, processing, error));

    List<Finding> failed = findings(g, Finding.CHAIN_STEP_FAILED);
    assertEquals(2, failed.size(), failed.toString());
    Finding middle = failed.get(0);
    assertEquals(2, middle.step());
    assertEquals(DVM_B.pubkey(), middle.dvm());
    assertEquals(b.id(), middle.jobId());
    assertEquals("chain step 2 of 3 (kind 5050 Text generation (LLM)) failed at DVM "
        + Wording.shortNpub(DVM_B.pubkey()) + ": reported an error: Model overloaded", g.diagnosis().summary());
    assertEquals(3, failed.get(1).step());
    assertEquals(null, failed.get(1).dvm());
    assertEquals("error", node(g, b.id()).status());
    assertEquals("Model overloaded", node(g, error.id()).message());
    assertEquals("waiting", node(g, c.id()).status());
    assertEquals(1, findings(g, Finding.ERROR).size());
    assertEquals(1, findings(g, Finding.NO_ANSWER).size());
  }

  @Test
  void paymentThatNeverLeadsToAResult() {
    NostrEvent r = request(ALICE, T, 5100, null, "p", DVM_A.pubkey());
    NostrEvent pay = feedback(DVM_A, r, T + 1, List.of("status", "payment-required"),
        List.of("amount", "2100000", "lnbc21u1pqqqqqq"));
    NostrEvent zapOfFeedback = zap(DVM_A, pay, T + 30, "lnbc21u1pzzzzzz");
    JobGraph g = JobGraph.build(r.id(), List.of(r, pay, zapOfFeedback));

    GraphNode p = node(g, pay.id());
    assertEquals("payment-required", p.status());
    assertEquals(2_100_000L, p.amountMsat());
    assertEquals(2_100_000L, p.bolt11Msat());
    assertEquals(Set.of(zapOfFeedback.id() + ">" + pay.id()), edges(g, GraphEdge.ZAP_FOR));
    assertEquals(2_100_000L, node(g, zapOfFeedback.id()).bolt11Msat());
    assertEquals(Set.of(r.id() + ">" + DVM_A.pubkey()), edges(g, GraphEdge.ADDRESSED_TO));
    assertEquals("DVM " + Wording.shortNpub(DVM_A.pubkey()) + " asked for 2,100 sats and no result followed",
        g.diagnosis().summary());
    assertEquals(JobStatus.PAYMENT_REQUIRED, g.job().status());
    assertEquals(2_100_000L, findings(g, Finding.PAYMENT_WITHOUT_RESULT).get(0).amountMsat());
  }

  @Test
  void expiredRequestAnsweredLate() {
    NostrEvent r = request(ALICE, T, 5300, null, "expiration", Long.toString(T + 60));
    NostrEvent res = result(DVM_A, r, T + 100);
    JobGraph g = JobGraph.build(r.id(), List.of(r, res));
    List<Finding> late = findings(g, Finding.LATE_RESULT);
    assertEquals(1, late.size());
    assertEquals(40L, late.get(0).seconds());
    assertTrue(g.diagnosis().summary().startsWith("result arrived after the request's expiration"),
        g.diagnosis().summary());
    assertEquals(100L, findings(g, Finding.SUCCESS).get(0).seconds());
  }

  @Test
  void cycleOfTwoRequestsDoesNotLoop() {
    // a signed cycle cannot exist (each id hashes the other), so the two requests carry given ids: the graph trusts
    // ids (the collector verified them) and must still stop after visiting each request once
    String idA = "a".repeat(64);
    String idB = "b".repeat(64);
    NostrEvent cycA = new NostrEvent(idA, ALICE.pubkey(), T, 5300, List.of(List.of("i", idB, "job")), "", "0");
    NostrEvent cycB = new NostrEvent(idB, ALICE.pubkey(), T + 1, 5300, List.of(List.of("i", idA, "job")), "", "0");
    JobGraph cyc = JobGraph.build(idA, List.of(cycA, cycB));
    assertEquals(2, cyc.chain().jobs().size());
    assertEquals(Set.of(idB + ">" + idA, idA + ">" + idB), edges(cyc, GraphEdge.INPUT_OF));
    assertEquals(2, cyc.nodes().stream().filter(n -> n.type().equals(GraphNode.REQUEST)).count());
  }

  @Test
  void nodeCapHolds() {
    NostrEvent r = request(ALICE, T, 5300, null);
    List<NostrEvent> events = new ArrayList<>();
    events.add(r);
    for (int i = 0; i < 300; i++) {
      EventSigner dvm = EventSigner.fromSeed(100 + i);
      events.add(feedback(dvm, r, T + 1 + i, List.of("status", "processing"), null));
    }
    JobGraph g = JobGraph.build(r.id(), events, 120);
    assertEquals(120, g.nodes().size());
    assertTrue(g.truncated());
    for (GraphEdge e : g.edges()) {
      assertTrue(g.nodes().stream().anyMatch(n -> n.id().equals(e.from())), "edge from a missing node");
      assertTrue(g.nodes().stream().anyMatch(n -> n.id().equals(e.to())), "edge to a missing node");
    }
    // every DVM is still diagnosed: the cap limits the picture, not the facts
    assertEquals(300, findings(g, Finding.NO_RESULT_YET).size());
  }

  @Test
  void unseenRequestIsBuiltFromItsResponses() {
    NostrEvent r = request(ALICE, T, 5300, null);
    NostrEvent res = result(DVM_A, r, T + 9);
    JobGraph g = JobGraph.build(r.id(), List.of(res));
    GraphNode req = node(g, r.id());
    assertTrue(req.missing());
    assertEquals(5300, req.kind());
    assertEquals(ALICE.pubkey(), g.job().user());
    assertEquals(Set.of(res.id() + ">" + r.id()), edges(g, GraphEdge.RESULT_FOR));
    assertEquals(1, findings(g, Finding.REQUEST_NOT_SEEN).size());
    assertTrue(g.diagnosis().summary().startsWith("success: "), g.diagnosis().summary());
  }

  @Test
  void noDvmAnswered() {
    NostrEvent r = request(ALICE, T, 5300, null, "p", DVM_C.pubkey());
    JobGraph g = JobGraph.build(r.id(), List.of(r));
    assertEquals("no DVM answered (asked: " + Wording.shortNpub(DVM_C.pubkey()) + ")", g.diagnosis().summary());
    assertEquals(JobStatus.WAITING, g.job().status());
  }

  @Test
  void jsonViewCarriesTheContract() {
    NostrEvent r = request(ALICE, T, 5300, null);
    NostrEvent res = result(DVM_A, r, T + 3);
    JsonObject json = JobGraphJson.of(JobGraph.build(r.id(), List.of(r, res)));
    assertEquals(r.id(), json.getJsonObject("request").getString("id"));
    assertEquals("success", json.getJsonObject("request").getString("status"));
    assertEquals(r.sig(), json.getJsonObject("request").getJsonObject("event").getString("sig"));
    assertEquals(4, json.getJsonArray("nodes").size());
    assertNotNull(json.getJsonObject("diagnosis").getString("summary"));
    assertEquals(2, json.getJsonArray("timeline").size());
  }
}
