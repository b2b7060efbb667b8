package dvmdash.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.RejectReason;
import dvmdash.truth.TruthCalculator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

  private static final long NOW = 1_760_000_000L;
  private static final SimulationPlan PLAN = new SimulationPlan(7, 20, 12, 300, 40L * 86_400, 0.02);
  private static SimulatedNetwork network;

  @BeforeAll
  static void generate() {
    network = new SimulatedNetwork(PLAN, NOW);
  }

  @Test
  void sameSeedSameEvents() {
    SimulatedNetwork again = new SimulatedNetwork(PLAN, NOW);
    assertEquals(ids(network.truth().validEvents()), ids(again.truth().validEvents()));
    assertEquals(network.truth().junkCounts(), again.truth().junkCounts());
    assertEquals(network.relayContents(2).get(1).size(), again.relayContents(2).get(1).size());
  }

  @Test
  void everyValidEventVerifiesAndNoneIsInTheFuture() throws InvalidEventException {
    for (NostrEvent e : network.truth().validEvents()) {
      NostrEvent reparsed = EventParser.parse(EventWriter.toJson(e));
      EventVerifier.verify(reparsed);
      assertTrue(e.createdAt() <= NOW, e.id());
      assertFalse(GroundTruth.EXCLUDED_KINDS.contains(e.kind()));
    }
    assertFalse(network.truth().excludedKindEvents().isEmpty());
  }

  @Test
  void junkIsRejectedForTheRightReason() throws InvalidEventException {
    GroundTruth t = network.truth();
    for (String json : t.junkEvents(JunkType.FORGED_SIGNATURE)) {
      assertReject(json, RejectReason.BAD_SIGNATURE);
    }
    for (String json : t.junkEvents(JunkType.ID_MISMATCH)) {
      assertReject(json, RejectReason.ID_MISMATCH);
    }
    for (String json : t.junkEvents(JunkType.WRONG_TYPES)) {
      assertEquals(RejectReason.WRONG_TYPES,
        assertThrows(InvalidEventException.class, () -> EventParser.parse(json)).reason());
    }
    for (String json : t.junkEvents(JunkType.MALFORMED_JSON)) {
      assertEquals(RejectReason.MALFORMED_JSON,
        assertThrows(InvalidEventException.class, () -> EventParser.parse(json)).reason());
    }
    for (String json : t.junkEvents(JunkType.OVERSIZED)) {
      assertTrue(json.length() > 512 * 1024);
      EventVerifier.verify(EventParser.parse(json));
    }
    for (String json : t.junkEvents(JunkType.FUTURE_CREATED_AT)) {
      assertEquals(NOW + 3_600, EventParser.parse(json).createdAt());
    }
    for (String json : t.junkEvents(JunkType.DUPLICATE)) {
      assertTrue(t.isValid(EventParser.parse(json).id()));
    }
  }

  private static void assertReject(String json, RejectReason reason) throws InvalidEventException {
    NostrEvent e = EventParser.parse(json);
    assertEquals(reason, assertThrows(InvalidEventException.class, () -> EventVerifier.verify(e)).reason());
  }

  @Test
  void junkCountsFollowThePlan() {
    GroundTruth t = network.truth();
    int expectedEach = Math.max(1, (int) Math.round(PLAN.junkShare() * t.validCount()) / 6);
    for (JunkType type : JunkType.values()) {
      assertEquals(type == JunkType.OVERSIZED ? 1 : expectedEach, t.junkCount(type), type.name());
    }
    SimulatedNetwork clean = new SimulatedNetwork(PLAN.withJobs(20).withJunkShare(0), NOW);
    for (int n : clean.truth().junkCounts().values()) {
      assertEquals(0, n);
    }
  }

  @Test
  void kind5300DominatesAndWindowsDiffer() {
    int requests = 0;
    int feeds = 0;
    for (NostrEvent e : network.truth().validEvents()) {
      if (e.kind() >= 5000 && e.kind() < 6000) {
        requests++;
        feeds += e.kind() == 5300 ? 1 : 0;
      }
    }
    assertTrue(feeds > 0.7 * requests, feeds + " of " + requests);
    TruthCalculator tc = new TruthCalculator(network.truth().validEvents(), NOW);
    long previous = 0;
    for (String range : List.of("1h", "24h", "7d", "30d", "all")) {
      long n = tc.global(range).getLong("job_requests");
      assertTrue(n > previous, range + " has " + n + " requests, not more than " + previous);
      previous = n;
    }
    assertTrue(tc.global("all").getLong("total_sats") > 0);
    assertTrue(tc.global("all").getLong("clock_skew_anomalies") > 0);
  }

  @Test
  void edgeCasesArePresent() {
    Set<String> requestIds = new HashSet<>();
    List<NostrEvent> valid = network.truth().validEvents();
    for (NostrEvent e : valid) {
      if (e.kind() >= 5000 && e.kind() < 6000) {
        requestIds.add(e.id());
      }
    }
    boolean orphanResult = false;
    boolean noE = false;
    boolean chained = false;
    boolean encrypted = false;
    boolean pythonJson = false;
    boolean zap = false;
    for (NostrEvent e : valid) {
      String ref = e.tagValue("e");
      orphanResult |= e.kind() >= 6000 && e.kind() < 7000 && ref != null && !requestIds.contains(ref);
      noE |= e.kind() >= 6000 && e.kind() < 7000 && ref == null;
      chained |= e.tagsNamed("i").stream().anyMatch(t -> t.size() > 2 && "job".equals(t.get(2)));
      encrypted |= e.kind() < 6000 && e.tag("encrypted") != null && e.content().contains("?iv=");
      pythonJson |= e.kind() == 31990 && e.content().contains("True}");
      zap |= e.kind() == 9735 && e.tagValue("bolt11") != null && e.tagValue("description") != null;
    }
    assertTrue(orphanResult && noE && chained && encrypted && pythonJson && zap,
      List.of(orphanResult, noE, chained, encrypted, pythonJson, zap).toString());
  }

  private static List<String> ids(List<NostrEvent> events) {
    return events.stream().map(NostrEvent::id).toList();
  }
}
