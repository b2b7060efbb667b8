package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.RollupPlan.MinuteKey;
import dvmdash.store.RollupPlan.UnresolvedFeedback;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupPlanTest {

  private static final EventSigner USER = EventSigner.fromSeed(1);
  private static final EventSigner DVM = EventSigner.fromSeed(2);
  private static final long T = 1_700_000_000L;

  private static NostrEvent request(long at) {
    return USER.sign(at, 5300, List.of(List.of("p", DVM.pubkey())), "");
  }

  private static NostrEvent result(NostrEvent req, long at, String amount) {
    List<List<String>> tags = amount == null ? List.of(List.of("e", req.id()))
        : List.of(List.of("e", req.id()), List.of("amount", amount));
    return DVM.sign(at, req.kind() + 1000, tags, "[]");
  }

  private static NostrEvent feedback(NostrEvent req, long at, String status, String amount) {
    List<List<String>> tags = amount == null ? List.of(List.of("e", req.id()), List.of("status", status))
        : List.of(List.of("e", req.id()), List.of("status", status), List.of("amount", amount, "lnbc1"));
    return DVM.sign(at, 7000, tags, "");
  }

  @Test
  void requestCountsForItsKindUserAndTaggedPair() {
    NostrEvent req = request(T);
    RollupPlan plan = RollupPlan.build(List.of(req), Map.of(), List.of());
    MinuteKey key = new MinuteKey(T / 60, 5300, "");
    assertEquals(1, plan.minuteCounts.get(key).requests);
    assertTrue(plan.kindUsers.contains(new MinuteKey(T / 60, 5300, USER.pubkey())));
    assertEquals(1, plan.taggedPairs.size());
    assertEquals(DVM.pubkey(), plan.taggedPairs.values().iterator().next().dvm());
  }

  @Test
  void resultCountsForRequestKindAndFirstResultWins() {
    NostrEvent req = request(T);
    NostrEvent late = result(req, T + 90, null);
    NostrEvent early = result(req, T + 30, null);
    RollupPlan plan = RollupPlan.build(List.of(late, early), Map.of(), List.of());
    assertEquals(1, plan.minuteCounts.get(new MinuteKey((T + 90) / 60, 5300, DVM.pubkey())).results);
    RollupPlan.PairDelta pair = plan.pairDeltas.values().iterator().next();
    assertEquals(T + 30, pair.firstResultAt);
    assertEquals(2, pair.results);
    assertEquals(5300, pair.resultKind);
  }

  @Test
  void latestAmountWinsAndOnlyPaymentRequiredFeedbackCarriesOne() {
    NostrEvent req = request(T);
    NostrEvent first = feedback(req, T + 10, "payment-required", "5000");
    NostrEvent second = feedback(req, T + 20, "payment-required", "21000");
    NostrEvent processing = feedback(req, T + 30, "processing", "99000");
    NostrEvent junk = feedback(req, T + 40, "payment-required", "100_000");
    RollupPlan plan = RollupPlan.build(List.of(req, second, first, processing, junk), Map.of(), List.of());
    RollupPlan.PairDelta pair = plan.pairDeltas.values().iterator().next();
    assertEquals(21000L, pair.amountMsat);
    assertEquals(T + 20, pair.amountAt);
  }

  @Test
  void feedbackOfUnseenRequestIsUnresolvedThenMovesToTheKind() {
    NostrEvent req = request(T);
    NostrEvent error = feedback(req, T + 5, "error", null);
    RollupPlan first = RollupPlan.build(List.of(error), Map.of(), List.of());
    MinuteKey unknown = new MinuteKey((T + 5) / 60, 0, DVM.pubkey());
    assertEquals(1, first.minuteCounts.get(unknown).feedback);
    assertEquals(1, first.minuteCounts.get(unknown).errors);
    assertEquals(1, first.unresolved.size());

    UnresolvedFeedback stored = first.unresolved.get(0);
    RollupPlan second = RollupPlan.build(List.of(req), Map.of(), List.of(stored));
    assertEquals(-1, second.minuteCounts.get(unknown).feedback);
    assertEquals(-1, second.minuteCounts.get(unknown).errors);
    MinuteKey known = new MinuteKey((T + 5) / 60, 5300, DVM.pubkey());
    assertEquals(1, second.minuteCounts.get(known).feedback);
    assertTrue(second.kindDvms.contains(known));
  }

  @Test
  void feedbackOfStoredRequestUsesTheStoredKind() {
    NostrEvent req = request(T);
    NostrEvent fb = feedback(req, T + 5, "processing", null);
    RollupPlan plan = RollupPlan.build(List.of(fb), Map.of(req.id(), 5300), List.of());
    assertEquals(1, plan.minuteCounts.get(new MinuteKey((T + 5) / 60, 5300, DVM.pubkey())).feedback);
    assertTrue(plan.unresolved.isEmpty());
  }

  @Test
  void resultWithoutRequestReferenceCountsButMakesNoPair() {
    NostrEvent orphan = DVM.sign(T, 6050, List.of(), "x");
    RollupPlan plan = RollupPlan.build(List.of(orphan), Map.of(), List.of());
    assertEquals(1, plan.minuteCounts.get(new MinuteKey(T / 60, 5050, DVM.pubkey())).results);
    assertTrue(plan.pairDeltas.isEmpty());
    assertNull(RollupPlan.feedbackRefsOutsideBatch(List.of(orphan)).stream().findFirst().orElse(null));
  }

  @Test
  void latestAnnouncementPerDTagWins() {
    NostrEvent older = DVM.sign(T, 31990, List.of(List.of("d", "a"), List.of("k", "5300")), "{\"name\":\"Old\"}");
    NostrEvent newer = DVM.sign(T + 1, 31990, List.of(List.of("d", "a"), List.of("k", "5050"),
        List.of("relays", "wss://relay.new/", "https://not.a.relay")), "{\"name\":\"New\"}");
    RollupPlan plan = RollupPlan.build(List.of(newer, older), Map.of(), List.of());
    RollupPlan.AnnouncementRow row = plan.announcements.values().iterator().next();
    assertEquals("New", row.name());
    assertEquals(List.of(5050), row.kinds());
    assertEquals(List.of("wss://relay.new"), row.relays(), "the latest announcement's relays, normalized");
  }
}
