package dvmdash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BackfillPagerTest {

  /** A NIP-01 relay over (id, created_at) pairs: since/until inclusive, newest first, at most limit. */
  private record Ev(String id, long at) {
  }

  private static List<String> answer(List<Ev> store, JsonObject f, boolean honourUntil) {
    long since = f.getLong("since");
    long until = honourUntil ? f.getLong("until") : Long.MAX_VALUE;
    List<Ev> m = new ArrayList<>();
    for (Ev e : store) {
      if (e.at >= since && e.at <= until) {
        m.add(e);
      }
    }
    m.sort(Comparator.comparingLong(Ev::at).reversed());
    List<String> out = new ArrayList<>();
    for (Ev e : m.subList(0, Math.min(m.size(), f.getInteger("limit")))) {
      out.add(new JsonArray().add("EVENT").add("bf")
          .add(new JsonObject().put("id", e.id).put("created_at", e.at)).encode());
    }
    return out;
  }

  private static Map<String, Integer> run(List<Ev> store, int limit, long since, long until, boolean honourUntil,
                                          BackfillPager.Stats[] stats) throws Exception {
    Map<String, Integer> got = new HashMap<>();
    BackfillPager pager = new BackfillPager(f -> answer(store, f, honourUntil), frames -> {
      for (String fr : frames) {
        got.merge(new JsonArray(fr).getJsonObject(2).getString("id"), 1, Integer::sum);
      }
    }, limit);
    stats[0] = pager.run(new JsonObject().put("kinds", new JsonArray().add(5300)), since, until);
    return got;
  }

  @Test
  void everyEventInRangeExactlyOnceDespiteSameSecondBoundaries() throws Exception {
    Random rng = new Random(5);
    List<Ev> store = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      store.add(new Ev("e" + i, 1_000_000 + rng.nextInt(600))); // about 2.5 events per second
    }
    for (int limit : new int[] {7, 50, 5000}) {
      BackfillPager.Stats[] st = new BackfillPager.Stats[1];
      Map<String, Integer> got = run(store, limit, 1_000_100, 1_000_500, true, st);
      TreeSet<String> expected = new TreeSet<>();
      store.stream().filter(e -> e.at >= 1_000_100 && e.at <= 1_000_500).forEach(e -> expected.add(e.id));
      TreeSet<String> missing = new TreeSet<>(expected);
      missing.removeAll(got.keySet());
      assertEquals(new TreeSet<String>(), missing, "limit " + limit + ": every event in range");
      assertEquals(expected.size(), got.size(), "limit " + limit + ": nothing outside the range");
      assertTrue(got.values().stream().allMatch(n -> n == 1), "limit " + limit + ": each handed on once");
      assertEquals(expected.size(), st[0].framesNew());
      if (limit >= 50) {
        assertEquals(0, st[0].saturatedSeconds(), "no second holds 50 events");
      }
      assertTrue(limit < 5000 ? st[0].pages() > expected.size() / limit : st[0].pages() <= 3, "pages " + st[0]);
    }
  }

  @Test
  void aSecondWithMoreEventsThanTheLimitIsCountedAndPagingContinues() throws Exception {
    List<Ev> store = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      store.add(new Ev("same" + i, 500));
    }
    store.add(new Ev("older", 400));
    store.add(new Ev("newer", 600));
    BackfillPager.Stats[] st = new BackfillPager.Stats[1];
    Map<String, Integer> got = run(store, 4, 0, 1000, true, st);
    assertEquals(1, st[0].saturatedSeconds());
    assertTrue(got.containsKey("older") && got.containsKey("newer"), "paging goes past the crowded second");
    assertTrue(got.values().stream().allMatch(n -> n == 1));
  }

  @Test
  void aRelayIgnoringUntilEndsAfterItsFirstPage() throws Exception {
    List<Ev> store = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      store.add(new Ev("x" + i, 1000 + i));
    }
    BackfillPager.Stats[] st = new BackfillPager.Stats[1];
    Map<String, Integer> got = run(store, 10, 0, 5000, false, st);
    assertEquals(10, got.size());
    assertTrue(st[0].pages() <= 3, "stops: " + st[0]);
  }
}
