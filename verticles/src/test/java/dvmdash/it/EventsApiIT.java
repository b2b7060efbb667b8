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
  void exportStreamsEveryEventAsStoredOldestFirst() throws Exception {
    List<NostrEvent> ascending = events.stream()
        .sorted(Comparator.comparingLong(NostrEvent::createdAt).thenComparing(NostrEvent::id)).toList();
    List<String> lines = node.text("/api/export/events").lines().toList();
    assertEquals(ascending.size(), lines.size(), "one line per event, across many pages");
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(ascending.get(i), EventParser.parse(lines.get(i)), "line " + i);
    }
    long since = ascending.get(3000).createdAt();
    long until = ascending.get(7000).createdAt();
    List<String> window = node.text("/api/export/events?kind=7000&since=" + since + "&until=" + until).lines()
        .toList();
    List<String> expectedIds = ascending.stream()
        .filter(e -> e.kind() == 7000 && e.createdAt() >= since && e.createdAt() <= until).map(NostrEvent::id).toList();
    assertEquals(expectedIds, window.stream().map(l -> {
      try {
        return EventParser.parse(l).id();
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList());
  }

  @Test
  void tablesExportAsCsvWithTheApisFigures() throws Exception {
    for (String range : new String[] {"all", "30d"}) {
      JsonArray dvms = node.getOk("/api/dvms?limit=1000&range=" + range).getJsonArray("dvms");
      List<String> csv = node.text("/api/export/dvms.csv?range=" + range).lines().toList();
      assertEquals("pubkey,name,kinds,announced_kinds,job_requests,job_results,job_feedback,errors,"
          + "avg_response_seconds,p50_response_seconds,p95_response_seconds,sats_earned,sats_zapped,first_seen,"
          + "last_seen", csv.get(0));
      assertEquals(dvms.size() + 1, csv.size(), "a line per DVM " + range);
      JsonObject first = dvms.getJsonObject(0);
      String[] cells = csv.get(1).split(",", -1);
      assertEquals(first.getString("pubkey"), cells[0]);
      assertEquals(String.valueOf(first.getLong("job_results")), cells[5]);
      assertEquals(String.valueOf(first.getLong("sats_earned")), cells[11]);
      JsonArray kinds = node.getOk("/api/kinds?range=" + range).getJsonArray("kinds");
      List<String> kindCsv = node.text("/api/export/kinds.csv?range=" + range).lines().toList();
      assertEquals(kinds.size() + 1, kindCsv.size(), "a line per kind " + range);
      assertTrue(kindCsv.get(1).startsWith(kinds.getJsonObject(0).getInteger("kind") + ","));
      assertEquals("kind,name,job_requests,job_results,job_feedback,sats_paid,sats_zapped,dvm_count,"
          + "announced_dvm_count,avg_response_seconds", kindCsv.get(0));
      String[] kindCells = kindCsv.get(1).split(",", -1);
      assertEquals(String.valueOf(kinds.getJsonObject(0).getLong("sats_zapped")), kindCells[kindCells.length - 4]);
    }
    assertEquals(400, node.get("/api/export/dvms.csv?range=2y").status());
    assertEquals(400, node.get("/api/export/events?since=10&until=5").status());
    assertEquals(400, node.get("/api/export/events?kind=x").status());
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
