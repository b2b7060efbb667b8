package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimeseriesQueriesTest {

  static final long NOW = 1_800_000_000L;

  static TreeMap<Long, JsonObject> points(long... starts) {
    TreeMap<Long, JsonObject> m = new TreeMap<>();
    for (long t : starts) {
      m.put(t, new JsonObject().put("t", t).put("job_requests", 1L));
    }
    return m;
  }

  @Test
  void anEventFrom1970DoesNotMakeTheAllSeriesUnbounded() {
    Window w = Window.of("all", NOW);
    TimeseriesQueries.Series s = TimeseriesQueries.fill(w, points(0L, w.bucketOf(NOW)));
    assertEquals(TimeseriesQueries.MAX_POINTS, s.points().size());
    assertTrue(s.truncated());
    assertEquals(w.bucketOf(NOW), s.points().getJsonObject(s.points().size() - 1).getLong("t"), "newest kept");
    assertEquals(1L, s.points().getJsonObject(s.points().size() - 1).getLong("job_requests"));
  }

  @Test
  void aShortAllSeriesIsWholeAndNotTruncated() {
    Window w = Window.of("all", NOW);
    long first = w.bucketOf(NOW) - 9 * 86_400;
    TimeseriesQueries.Series s = TimeseriesQueries.fill(w, points(first));
    assertEquals(10, s.points().size());
    assertFalse(s.truncated());
    assertEquals(first, s.points().getJsonObject(0).getLong("t"));
  }

  @Test
  void fixedRangesKeepTheirBucketCount() {
    TimeseriesQueries.Series s = TimeseriesQueries.fill(Window.of("24h", NOW), points());
    assertEquals(25, s.points().size());
    assertFalse(s.truncated());
  }
}
