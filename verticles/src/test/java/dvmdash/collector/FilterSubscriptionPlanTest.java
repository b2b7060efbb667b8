package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterSubscriptionPlanTest {

  static final Set<Integer> EXCLUDED = CollectorConfig.DEFAULT_EXCLUDED_KINDS;

  static Set<Integer> expectedKinds() {
    Set<Integer> s = new HashSet<>();
    for (int k = 5000; k <= 7000; k++) {
      s.add(k);
    }
    s.add(9735);
    s.add(31990);
    s.addAll(List.of(1999, 11316, 11317, 11318, 11319, 11320, 11998, 11999, 31999));
    s.removeAll(EXCLUDED);
    return s;
  }

  /** Every kind across every filter of every REQ, asserting none appears twice. */
  static Set<Integer> coveredOnce(List<SubscriptionPlan.Req> reqs, int maxPerFilter) {
    Set<Integer> seen = new HashSet<>();
    for (SubscriptionPlan.Req r : reqs) {
      for (JsonObject f : r.filters()) {
        JsonArray kinds = f.getJsonArray("kinds");
        assertTrue(kinds.size() <= maxPerFilter, "filter of " + kinds.size() + " kinds");
        for (Object k : kinds) {
          assertTrue(seen.add((Integer) k), "kind " + k + " duplicated");
        }
      }
    }
    return seen;
  }

  @Test
  void dvmKindsIncludeBoundariesAndMissExcluded() {
    List<Integer> kinds = SubscriptionPlan.dvmKinds(EXCLUDED);
    assertTrue(kinds.contains(5000));
    assertTrue(kinds.contains(5999));
    assertTrue(kinds.contains(6000));
    assertTrue(kinds.contains(6999));
    assertTrue(kinds.contains(7000));
    assertTrue(kinds.contains(9735));
    assertTrue(kinds.contains(31990));
    EXCLUDED.forEach(k -> assertFalse(kinds.contains(k)));
    assertEquals(2003 + SubscriptionPlan.LIVENESS_KINDS.size() - 4, kinds.size());
    assertTrue(kinds.containsAll(SubscriptionPlan.LIVENESS_KINDS));
  }

  @Test
  void initialPlanIsOneReqWithChunkedFilters() {
    SubscriptionPlan p = SubscriptionPlan.initial(EXCLUDED, 1000);
    List<SubscriptionPlan.Req> reqs = p.mainRequests(null);
    assertEquals(1, reqs.size());
    assertEquals("dvm", reqs.get(0).subId());
    assertEquals(3, reqs.get(0).filters().size());
    assertEquals(expectedKinds(), coveredOnce(reqs, 1000));
    reqs.get(0).filters().forEach(f -> assertNull(f.getValue("since")));
  }

  @Test
  void sinceGoesIntoEveryFilter() {
    List<SubscriptionPlan.Req> reqs = SubscriptionPlan.initial(EXCLUDED, 300).mainRequests(1_700_000_000L);
    reqs.get(0).filters().forEach(f -> assertEquals(1_700_000_000L, f.getLong("since")));
    JsonArray frame = new JsonArray(reqs.get(0).toFrame());
    assertEquals("REQ", frame.getString(0));
    assertEquals("dvm", frame.getString(1));
    assertEquals(reqs.get(0).filters().size() + 2, frame.size());
  }

  @Test
  void splitLadderLosesAndDuplicatesNothing() {
    SubscriptionPlan p = SubscriptionPlan.initial(EXCLUDED, 1000);
    List<String> ladder = new ArrayList<>();
    while (true) {
      ladder.add(p.kindsPerFilter() + (p.reqPerChunk() ? "/req" : "/one"));
      List<SubscriptionPlan.Req> reqs = p.mainRequests(100L);
      assertEquals(expectedKinds(), coveredOnce(reqs, p.kindsPerFilter()), "at " + p);
      if (p.reqPerChunk()) {
        reqs.forEach(r -> assertEquals(1, r.filters().size()));
        assertEquals(reqs.size(), reqs.stream().map(SubscriptionPlan.Req::subId).distinct().count());
      } else {
        assertEquals(1, reqs.size());
      }
      Optional<SubscriptionPlan> next = p.split();
      if (next.isEmpty()) {
        break;
      }
      p = next.get();
    }
    assertEquals(List.of("1000/one", "500/one", "500/req", "250/req", "125/req", "62/req", "50/req"), ladder);
  }

  @Test
  void profileRequestsChunkBy500WithStableIds() {
    List<String> authors = new ArrayList<>();
    for (int i = 0; i < 1203; i++) {
      authors.add(String.format("%064x", i));
    }
    List<SubscriptionPlan.Req> all = SubscriptionPlan.profileRequests(authors, 0);
    assertEquals(List.of("prof-0", "prof-1", "prof-2"), all.stream().map(SubscriptionPlan.Req::subId).toList());
    Set<Object> seen = new HashSet<>();
    for (SubscriptionPlan.Req r : all) {
      JsonObject f = r.filters().get(0);
      assertEquals(new JsonArray().add(0), f.getJsonArray("kinds"));
      assertTrue(f.getJsonArray("authors").size() <= 500);
      f.getJsonArray("authors").forEach(a -> assertTrue(seen.add(a)));
    }
    assertEquals(1203, seen.size());
    List<SubscriptionPlan.Req> tail = SubscriptionPlan.profileRequests(authors, 1000);
    assertEquals(List.of("prof-2"), tail.stream().map(SubscriptionPlan.Req::subId).toList());
    assertEquals(List.of("prof-1", "prof-2"),
        SubscriptionPlan.profileRequests(authors, 999).stream().map(SubscriptionPlan.Req::subId).toList());
    assertTrue(SubscriptionPlan.profileRequests(List.of(), 0).isEmpty());
  }
}
