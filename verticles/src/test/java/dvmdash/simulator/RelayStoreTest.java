package dvmdash.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paging contract backfill relies on: since/until inclusive, limit keeps the newest matches, newest first. */
class RelayStoreTest {

  private static RelayEntry entry(String id, long at) {
    return new RelayEntry(id, "p", at, 5300, List.of(), "{}");
  }

  private static List<String> ids(List<RelayEntry> entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.id()));
    return out;
  }

  @Test
  void untilAndLimitPageBackwardsInclusively() {
    RelayStore store = new RelayStore();
    store.add(entry("a", 100));
    store.add(entry("b", 200));
    store.add(entry("c", 200));
    store.add(entry("d", 300));
    store.add(entry("e", 400));
    RelayFilter f = RelayFilter.parse(new JsonObject().put("since", 100).put("until", 300).put("limit", 2));
    List<String> page = ids(store.query(List.of(f)));
    assertEquals(2, page.size());
    assertEquals("d", page.get(0), "newest first, until inclusive, later events left out");
    assertEquals(200, store.query(List.of(f)).get(1).createdAt(), "the limit keeps the newest");
    RelayFilter next = RelayFilter.parse(new JsonObject().put("since", 100).put("until", 200).put("limit", 10));
    List<String> second = ids(store.query(List.of(next)));
    assertEquals(java.util.Set.of("b", "c"), java.util.Set.copyOf(second.subList(0, 2)), "the same second again");
    assertEquals("a", second.get(2));
    RelayFilter sinceOnly = RelayFilter.parse(new JsonObject().put("since", 300));
    assertEquals(List.of("e", "d"), ids(store.query(List.of(sinceOnly))), "since inclusive");
  }
}
