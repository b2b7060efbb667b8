package dvmdash.truth;

import static dvmdash.truth.TruthEvents.bucketSeconds;
import static dvmdash.truth.TruthEvents.in;
import static dvmdash.truth.TruthFigures.nearestRank;
import static dvmdash.truth.TruthFigures.sorted;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Time series of a range, overall, for one kind or for one DVM (/api/stats/timeseries). */
final class TruthTimeseries {

  private final TruthEvents ev;

  TruthTimeseries(TruthEvents ev) {
    this.ev = ev;
  }

  /** Time series for a range; at most one of {@code kind} and {@code dvm} may be given. */
  public JsonObject timeseries(String range, Integer kind, String dvm) {
    if (kind != null && dvm != null) {
      throw new IllegalArgumentException("give kind or dvm, not both");
    }
    Long ws = ev.windowStart(range);
    long b = bucketSeconds(range);
    Map<Long, Point> points = new TreeMap<>();
    for (NostrEvent e : ev.requests) {
      if (in(e.createdAt(), ws) && (dvm == null) && (kind == null || e.kind() == kind)) {
        Point p = point(points, e.createdAt(), b);
        p.requests++;
        p.users.add(e.pubkey());
      }
    }
    for (NostrEvent e : ev.results) {
      if (in(e.createdAt(), ws) && (kind == null || e.kind() == kind + 1000)
          && (dvm == null || e.pubkey().equals(dvm))) {
        Point p = point(points, e.createdAt(), b);
        p.results++;
        p.dvms.add(e.pubkey());
      }
    }
    for (NostrEvent e : ev.feedback) {
      Integer fk = ev.feedbackKind(e);
      if (in(e.createdAt(), ws) && (kind == null || (fk != null && fk.intValue() == kind))
          && (dvm == null || e.pubkey().equals(dvm))) {
        Point p = point(points, e.createdAt(), b);
        p.feedback++;
        if ("error".equals(e.tagValue("status"))) {
          p.errors++;
        }
        p.dvms.add(e.pubkey());
      }
    }
    for (TruthPair pr : ev.pairs.values()) {
      if (!in(pr.time(), ws)) {
        continue;
      }
      if (kind != null && (pr.kind() == null || pr.kind().intValue() != kind)) {
        continue;
      }
      if (dvm != null && !pr.dvm.equals(dvm)) {
        continue;
      }
      Point p = point(points, pr.time(), b);
      p.sats += pr.sats();
      Long rt = pr.responseTime();
      if (rt != null && rt >= 0) {
        p.times.add(rt);
      }
      if (dvm != null) {
        p.requests++;
        if (pr.request != null) {
          p.users.add(pr.request.pubkey());
        }
      }
    }
    long lastBucket = Math.floorDiv(ev.now, b) * b;
    Long firstBucket = null;
    if (ws != null) {
      firstBucket = Math.floorDiv(ws, b) * b;
    } else {
      for (Map.Entry<Long, Point> e : points.entrySet()) {
        if (!e.getValue().isEmpty()) {
          firstBucket = e.getKey();
          break;
        }
      }
    }
    JsonArray list = new JsonArray();
    if (firstBucket != null) {
      for (long t = firstBucket; t <= lastBucket; t += b) {
        Point p = points.getOrDefault(t, new Point());
        list.add(new JsonObject()
          .put("t", t)
          .put("job_requests", p.requests)
          .put("job_results", p.results)
          .put("job_feedback", p.feedback)
          .put("errors", p.errors)
          .put("unique_users", p.users.size())
          .put("unique_dvms", p.dvms.size())
          .put("sats", p.sats)
          .put("p50_response_seconds", nearestRank(sorted(p.times), 50))
          .put("p95_response_seconds", nearestRank(sorted(p.times), 95)));
      }
    }
    return new JsonObject()
      .put("range", range)
      .put("window_start", ws)
      .put("bucket_seconds", b)
      .put("kind", kind)
      .put("dvm", dvm)
      .put("points", list);
  }

  private static Point point(Map<Long, Point> points, long t, long b) {
    return points.computeIfAbsent(Math.floorDiv(t, b) * b, k -> new Point());
  }

  /** Figures of one time-series bucket. */
  private static final class Point {
    long requests;
    long results;
    long feedback;
    long errors;
    long sats;
    final Set<String> users = new HashSet<>();
    final Set<String> dvms = new HashSet<>();
    /** Non-negative response times of the bucket's pairs. */
    final List<Long> times = new ArrayList<>();

    boolean isEmpty() {
      return requests == 0 && results == 0 && feedback == 0 && sats == 0 && users.isEmpty() && dvms.isEmpty()
        && times.isEmpty();
    }
  }
}
