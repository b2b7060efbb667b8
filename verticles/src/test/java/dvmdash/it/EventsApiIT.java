package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.cli.ImportCommand;
import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.BulkGenerator;
import dvmdash.simulator.SimulationPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/events} as a client pages through it: several kinds at once, {@code since}, {@code p}, and the
 * {@code next} cursor. 10,000 imported events; the expected answers are computed from the imported file itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsApiIT {

  private TestNode node;
  private List<NostrEvent> events;

  @BeforeAll
  void importTenThousand(@TempDir Path dir) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Path file = dir.resolve("events.jsonl");
    BulkGenerator.generate(new SimulationPlan(5, 200, 20, 1000, 10L * 86_400, 0), 10_000, file, now);
    events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      events.add(EventParser.parse(line));
    }
    assertEquals(10_000, events.size());
    JsonObject config = TestNode.config(TestPostgres.freshDatabase(), null, List.of("ws://127.0.0.1:9"),
        dir.resolve("node"));
    assertEquals(0, ImportCommand.run(config, file));
    node = TestNode.start(config, now);
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  /** Every matching event, newest first (created_at, then id, descending): what paging must return, once each. */
  private List<String> expected(Predicate<NostrEvent> filter) {
    return events.stream().filter(filter)
        .sorted(Comparator.comparingLong(NostrEvent::createdAt).thenComparing(NostrEvent::id).reversed())
        .map(NostrEvent::id).toList();
  }

  private List<String> pageThrough(String query, int size) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages <= 10_001; pages++) {
      JsonObject page = node.getOk("/api/events?" + query + "&limit=" + size
          + (cursor == null ? "" : "&cursor=" + cursor));
      JsonArray list = page.getJsonArray("events");
      for (int i = 0; i < list.size(); i++) {
        ids.add(list.getJsonObject(i).getJsonObject("event").getString("id"));
      }
      cursor = page.getString("next");
      if (cursor == null) {
        assertTrue(list.size() < size || list.isEmpty() || pages > 0, "no next only at the end");
        return ids;
      }
      assertEquals(size, list.size(), "a page with a next cursor is full");
    }
    throw new AssertionError("paging did not end");
  }

  @Test
  void everyEventExactlyOnceWhateverThePageSize() throws Exception {
    List<String> all = expected(e -> true);
    assertEquals(10_000, new HashSet<>(all).size());
    for (int size : new int[] {1, 2, 3, 5, 7, 10, 13, 50, 64, 100, 128, 255, 333, 499, 500}) {
      assertEquals(all, pageThrough("", size), "page size " + size);
    }
  }

  @Test
  void severalKindsSinceAndPTagTogether() throws Exception {
    NostrEvent pivot = events.get(events.size() / 2);
    long since = pivot.createdAt();
    String dvm = events.stream().filter(e -> e.kind() == 7000).findFirst().orElseThrow().pubkey();
    Set<Integer> kinds = Set.of(5300, 5050, 7000);
    List<String> byKinds = expected(e -> kinds.contains(e.kind()) && e.createdAt() >= since);
    assertTrue(byKinds.size() > 100, "kinds and since keep a good part: " + byKinds.size());
    assertEquals(byKinds, pageThrough("kind=5300,5050,7000&since=" + since, 37));
    List<String> toDvm = expected(e -> e.tags().contains(List.of("p", dvm)));
    assertTrue(toDvm.size() > 10, "requests p-tag the DVM: " + toDvm.size());
    assertEquals(toDvm, pageThrough("p=" + dvm, 11));
  }

  @Test
  void badParametersAreClearErrors() throws Exception {
    for (String q : new String[] {"kind=5300,abc", "kind=70000", "cursor=xyz", "cursor=12.abc", "since=-1",
        "p=nothex", "kind=" + String.join(",", java.util.stream.IntStream.rangeClosed(5000, 5020)
        .mapToObj(String::valueOf).toList())}) {
      TestNode.Reply r = node.get("/api/events?" + q);
      assertEquals(400, r.status(), q);
      assertTrue(r.body().getString("error").length() > 5, q + ": " + r.body());
    }
    assertNull(node.getOk("/api/events?since=" + (System.currentTimeMillis() / 1000 + 10_000)).getString("next"));
  }
}
