package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequesterProfilesTest {

  static String pk(int i) {
    return String.format("%064x", i);
  }

  static List<Object> authorsOf(SubscriptionPlan.Req req) {
    return req.filters().get(0).getJsonArray("authors").getList();
  }

  @Test
  void newRequestersFillSlotsFiveHundredToARequest() {
    RequesterProfiles r = new RequesterProfiles(1200);
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      shown.add(pk(i));
    }
    assertEquals(Set.of(0, 1), r.shown(shown, pk -> false));
    List<SubscriptionPlan.Req> all = r.requests();
    assertEquals(List.of("profu-0", "profu-1"), all.stream().map(SubscriptionPlan.Req::subId).toList());
    assertEquals(500, authorsOf(all.get(0)).size());
    assertEquals(List.of(pk(500)), authorsOf(all.get(1)));
    assertEquals(new JsonArray().add(0), all.get(0).filters().get(0).getJsonArray("kinds"));
    assertTrue(r.shown(List.of(pk(3), pk(500)), pk -> false).isEmpty(), "already followed: nothing re-sent");
  }

  @Test
  void atTheBoundTheLeastRecentlyShownRequesterGivesUpItsSlot() {
    RequesterProfiles r = new RequesterProfiles(2);
    r.shown(List.of(pk(1), pk(2)), pk -> false);
    r.shown(List.of(pk(1)), pk -> false);
    assertEquals(Set.of(0), r.shown(List.of(pk(3)), pk -> false));
    assertEquals(2, r.size());
    assertFalse(r.contains(pk(2)), "pk 2 was shown least recently");
    assertEquals(List.of(pk(1), pk(3)), authorsOf(r.requests().get(0)));
  }

  @Test
  void dvmsAndMalformedKeysAreSkippedAndAZeroBoundFetchesNothing() {
    RequesterProfiles r = new RequesterProfiles(10);
    assertEquals(Set.of(0), r.shown(List.of(pk(1), "npub1xyz", pk(2), 42), pk -> pk.equals(pk(1))));
    assertEquals(List.of(pk(2)), authorsOf(r.requests().get(0)));
    RequesterProfiles none = new RequesterProfiles(0);
    assertTrue(none.shown(List.of(pk(1)), pk -> false).isEmpty());
    assertTrue(none.requests().isEmpty());
  }
}
