package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.it.TestPostgres;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Windowed percentiles while the day histograms are kept between requests: after late jobs change a day that an
 * earlier request read, every list and detail answers with the new nearest-rank p50 and p95, computed here from the
 * response times the test published (no SQL of the product involved).
 */
class WindowPercentilesIT {

  private static final EventSigner ALICE = EventSigner.fromSeed(11);
  private static final EventSigner DVM_X = EventSigner.fromSeed(12);
  private static final EventSigner DVM_Y = EventSigner.fromSeed(13);

  private Vertx vertx;
  private Pool pg;
  private RollupRepository rollups;
  private StatsAnswers answers;
  private final long now = System.currentTimeMillis() / 1000;
  /** Response times published, per DVM and kind. */
  private final Map<String, List<Long>> times = new HashMap<>();
  /** Every job published: DVM, kind, request time, response time. */
  private final List<Job> jobs = new ArrayList<>();

  private record Job(String dvm, int kind, long at, long rt) {
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    pg = TestPostgres.migratedPool(vertx);
    rollups = new RollupRepository(pg);
    answers = new StatsAnswers(pg);
  }

  @AfterEach
  void tearDown() throws Exception {
    get(pg.close());
    get(vertx.close());
  }

  @Test
  void lateJobsOnAKeptDayChangeEveryWindowedPercentile() throws Exception {
    Window w = Window.of("30d", now);
    Tiers.Split split = Tiers.split(w.startMinute(), Tiers.Tier.DAY);
    long threeDaysAgo = now - 3 * 86_400;
    List<NostrEvent> first = new ArrayList<>();
    // the window's edges: the minutes before its first hour row, and its hour rows (when the split has any)
    job(first, DVM_X, 5300, split.minuteFrom() * 60 + 30, 7);
    if (split.hourFrom() < split.dayFrom()) {
      job(first, DVM_Y, 5300, split.hourFrom() * 60 + 90, 3);
    }
    for (long rt : new long[] {10, 20, 30}) {
      job(first, DVM_X, 5300, threeDaysAgo + rt, rt);
    }
    job(first, DVM_X, 5100, threeDaysAgo + 50, 40);
    job(first, DVM_Y, 5300, threeDaysAgo + 60, 12);
    job(first, DVM_Y, 5300, now - 60, 2);
    get(rollups.apply(first));
    assertPercentiles(w);
    assertSeries(w);

    List<NostrEvent> late = new ArrayList<>();
    for (long rt : new long[] {100, 200, 300}) {
      job(late, DVM_X, 5300, threeDaysAgo + 500 + rt, rt);
    }
    job(late, DVM_Y, 5100, threeDaysAgo + 900, 1);
    get(rollups.apply(late));
    assertPercentiles(w);
    assertSeries(w);
  }

  /** A request by Alice at {@code at} and the DVM's result {@code rt} seconds later. */
  private void job(List<NostrEvent> out, EventSigner dvm, int kind, long at, long rt) {
    NostrEvent req = ALICE.sign(at, kind, List.of(List.of("i", "job at " + at + " for " + dvm.pubkey(), "text")), "");
    out.add(req);
    out.add(dvm.sign(at + rt, kind + 1000, List.of(List.of("e", req.id()), List.of("p", req.pubkey())), "done"));
    times.computeIfAbsent(dvm.pubkey() + "/" + kind, k -> new ArrayList<>()).add(rt);
    jobs.add(new Job(dvm.pubkey(), kind, at, rt));
  }

  private void assertPercentiles(Window w) throws Exception {
    JsonArray dvms = get(answers.dvms(w, "job_results", 100, 0)).getJsonArray("dvms");
    assertEquals(2, dvms.size());
    for (int i = 0; i < dvms.size(); i++) {
      JsonObject d = dvms.getJsonObject(i);
      String dvm = d.getString("pubkey");
      assertRanks("dvm list " + dvm, of(dvm, null), d);
      JsonObject detail = get(answers.dvm(w, dvm));
      assertRanks("dvm detail " + dvm, of(dvm, null), detail);
      JsonArray byKind = detail.getJsonArray("by_kind");
      for (int j = 0; j < byKind.size(); j++) {
        int kind = byKind.getJsonObject(j).getInteger("kind");
        assertRanks("dvm " + dvm + " kind " + kind, of(dvm, kind), byKind.getJsonObject(j));
      }
    }
    JsonArray kinds = get(answers.kinds(w)).getJsonArray("kinds");
    assertEquals(2, kinds.size());
    for (int i = 0; i < kinds.size(); i++) {
      int kind = kinds.getJsonObject(i).getInteger("kind");
      assertRanks("kind list " + kind, of(null, kind), kinds.getJsonObject(i));
      JsonObject detail = get(answers.kind(w, kind));
      assertRanks("kind detail " + kind, of(null, kind), detail);
      JsonArray kindDvms = detail.getJsonArray("dvms");
      for (int j = 0; j < kindDvms.size(); j++) {
        String dvm = kindDvms.getJsonObject(j).getString("pubkey");
        assertRanks("kind " + kind + " dvm " + dvm, of(dvm, kind), kindDvms.getJsonObject(j));
      }
    }
  }

  /** The daily series (all, per kind, per DVM): each UTC day's p50 and p95 of the jobs requested that day. */
  private void assertSeries(Window w) throws Exception {
    assertSeries(w, null, null);
    assertSeries(w, 5300, null);
    assertSeries(w, 5100, null);
    assertSeries(w, null, DVM_X.pubkey());
    assertSeries(w, null, DVM_Y.pubkey());
  }

  private void assertSeries(Window w, Integer kind, String dvm) throws Exception {
    JsonArray points = get(answers.timeseries(w, kind, dvm)).getJsonArray("points");
    int withTimes = 0;
    for (int i = 0; i < points.size(); i++) {
      JsonObject point = points.getJsonObject(i);
      long t = point.getLong("t");
      List<Long> sorted = new ArrayList<>();
      for (Job j : jobs) {
        if (Math.floorDiv(j.at(), 86_400L) * 86_400L == t && (kind == null || kind == j.kind())
            && (dvm == null || dvm.equals(j.dvm()))) {
          sorted.add(j.rt());
        }
      }
      Collections.sort(sorted);
      String what = "series kind " + kind + " dvm " + dvm + " day " + t;
      if (sorted.isEmpty()) {
        assertEquals(null, point.getValue("p50_response_seconds"), what + " p50");
        assertEquals(null, point.getValue("p95_response_seconds"), what + " p95");
      } else {
        assertRanks(what, sorted, point);
        withTimes++;
      }
    }
    if (kind == null && dvm == null) {
      // three days at least: the window's first (its edges), three days ago and today
      assertTrue(withTimes >= 3, "days with response times in the series: " + withTimes);
    }
  }

  private List<Long> of(String dvm, Integer kind) {
    List<Long> out = new ArrayList<>();
    times.forEach((key, values) -> {
      String[] k = key.split("/");
      if ((dvm == null || dvm.equals(k[0])) && (kind == null || kind == Integer.parseInt(k[1]))) {
        out.addAll(values);
      }
    });
    Collections.sort(out);
    return out;
  }

  /** Nearest rank: the value at position ceil(p · n) of the sorted times. */
  private static void assertRanks(String what, List<Long> sorted, JsonObject row) {
    int n = sorted.size();
    assertEquals(sorted.get((int) Math.ceil(0.50 * n) - 1), row.getLong("p50_response_seconds"), what + " p50");
    assertEquals(sorted.get((int) Math.ceil(0.95 * n) - 1), row.getLong("p95_response_seconds"), what + " p95");
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
