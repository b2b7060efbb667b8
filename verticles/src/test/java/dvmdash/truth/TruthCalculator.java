package dvmdash.truth;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Independent oracle for every figure of docs/metrics.md, computed with plain maps and loops from the valid events
 * and a {@code now} (unix seconds). Output is shaped like the API. Input is de-duplicated by id and excluded kinds
 * are dropped, so callers may pass raw material.
 *
 * <p>Readings of the doc where it leaves a choice: an {@code amount} tag that is not 1..18 digits makes its event
 * count as carrying no amount (an earlier valid amount then wins); most_popular_dvm/kind are null when no DVM has a
 * result / no request exists in the window; pair kind of an unseen request is the smallest of D's result kinds − 1000;
 * time series for {@code all} without data have no points.
 */
public final class TruthCalculator {

  public static final Set<Integer> EXCLUDED_KINDS = Set.of(5666, 6666, 5969, 6969);

  private final long now;
  private final List<NostrEvent> requests = new ArrayList<>();
  private final List<NostrEvent> results = new ArrayList<>();
  private final List<NostrEvent> feedback = new ArrayList<>();
  private final List<NostrEvent> zaps = new ArrayList<>();
  private final List<NostrEvent> announcements = new ArrayList<>();
  private final List<NostrEvent> profiles = new ArrayList<>();
  private final Map<String, NostrEvent> requestById = new HashMap<>();
  private final Map<String, TruthPair> pairs = new LinkedHashMap<>();
  private final Set<String> dvmPubkeys = new TreeSet<>();
  private final TruthProfiles identities = new TruthProfiles(announcements, profiles);

  public TruthCalculator(List<NostrEvent> events, long now) {
    this.now = now;
    Set<String> seen = new HashSet<>();
    for (NostrEvent e : events) {
      if (!seen.add(e.id()) || EXCLUDED_KINDS.contains(e.kind())) {
        continue;
      }
      int k = e.kind();
      if (k >= 5000 && k <= 5999) {
        requests.add(e);
        requestById.put(e.id(), e);
      } else if (k >= 6000 && k <= 6999) {
        results.add(e);
        dvmPubkeys.add(e.pubkey());
      } else if (k == 7000) {
        feedback.add(e);
        dvmPubkeys.add(e.pubkey());
      } else if (k == 9735) {
        zaps.add(e);
      } else if (k == 31990 || k == 31999 || k == 11316 || k == 11999) {
        announcements.add(e);
      } else if (k == 0) {
        profiles.add(e);
      }
    }
    for (NostrEvent r : requests) {
      for (String p : r.tagValues("p")) {
        pair(r.id(), p);
      }
    }
    for (NostrEvent e : results) {
      String ref = e.tagValue("e");
      if (ref != null) {
        pair(ref, e.pubkey()).results.add(e);
      }
    }
    for (NostrEvent e : feedback) {
      String ref = e.tagValue("e");
      if (ref != null) {
        pair(ref, e.pubkey()).feedback.add(e);
      }
    }
  }

  // ---------------------------------------------------------------- windows

  public static long bucketSeconds(String range) {
    return switch (range) {
      case "1h" -> 300;
      case "24h" -> 3_600;
      case "7d" -> 21_600;
      case "30d", "all" -> 86_400;
      default -> throw new IllegalArgumentException("unknown range " + range);
    };
  }

  /** floor(now/60)*60 − W, or null for {@code all}. */
  public Long windowStart(String range) {
    long w = switch (range) {
      case "1h" -> 3_600;
      case "24h" -> 86_400;
      case "7d" -> 7 * 86_400;
      case "30d" -> 30 * 86_400;
      case "all" -> -1;
      default -> throw new IllegalArgumentException("unknown range " + range);
    };
    return w < 0 ? null : Math.floorDiv(now, 60) * 60 - w;
  }

  private static boolean in(long t, Long ws) {
    return ws == null || t >= ws;
  }

  // ---------------------------------------------------------------- global

  public JsonObject global(String range) {
    Long ws = windowStart(range);
    long nReq = 0;
    long nRes = 0;
    long nFb = 0;
    Set<String> users = new HashSet<>();
    Set<String> dvms = new HashSet<>();
    Map<Integer, Long> reqPerKind = new TreeMap<>();
    for (NostrEvent e : requests) {
      if (in(e.createdAt(), ws)) {
        nReq++;
        users.add(e.pubkey());
        reqPerKind.merge(e.kind(), 1L, Long::sum);
      }
    }
    Map<String, Long> resultsPerDvm = new TreeMap<>();
    for (NostrEvent e : results) {
      if (in(e.createdAt(), ws)) {
        nRes++;
        dvms.add(e.pubkey());
        resultsPerDvm.merge(e.pubkey(), 1L, Long::sum);
      }
    }
    for (NostrEvent e : feedback) {
      if (in(e.createdAt(), ws)) {
        nFb++;
        dvms.add(e.pubkey());
      }
    }
    long totalSats = 0;
    long skew = 0;
    Map<String, Long> satsPerDvm = new TreeMap<>();
    Map<Integer, Long> satsPerKind = new TreeMap<>();
    for (TruthPair p : pairs.values()) {
      if (!in(p.time(), ws)) {
        continue;
      }
      long sats = p.sats();
      totalSats += sats;
      satsPerDvm.merge(p.dvm, sats, Long::sum);
      if (p.kind() != null) {
        satsPerKind.merge(p.kind(), sats, Long::sum);
      }
      Long rt = p.responseTime();
      if (rt != null && rt < 0) {
        skew++;
      }
    }
    JsonObject out = new JsonObject()
      .put("range", range)
      .put("window_start", ws)
      .put("job_requests", nReq)
      .put("job_results", nRes)
      .put("job_feedback", nFb)
      .put("unique_users", users.size())
      .put("unique_dvms", dvms.size())
      .put("unique_kinds", reqPerKind.size())
      .put("total_sats", totalSats)
      .put("clock_skew_anomalies", skew)
      .put("total_sats_zapped", zappedSats(null, ws));
    Map.Entry<String, Long> popular = best(resultsPerDvm);
    out.put("most_popular_dvm", popular == null ? null
      : new JsonObject().put("pubkey", popular.getKey()).put("job_results", popular.getValue()));
    Map.Entry<String, Long> paid = best(satsPerDvm);
    out.put("most_paid_dvm", paid == null ? null
      : new JsonObject().put("pubkey", paid.getKey()).put("sats_earned", paid.getValue()));
    Map.Entry<Integer, Long> popularKind = best(reqPerKind);
    out.put("most_popular_kind", popularKind == null ? null
      : new JsonObject().put("kind", popularKind.getKey()).put("job_requests", popularKind.getValue()));
    Map.Entry<Integer, Long> paidKind = best(satsPerKind);
    out.put("most_paid_kind", paidKind == null ? null
      : new JsonObject().put("kind", paidKind.getKey()).put("sats_paid", paidKind.getValue()));
    return out;
  }

  /** Sats of the zap receipts in the window to {@code recipient} (any 64-hex recipient when null). */
  private long zappedSats(String recipient, Long ws) {
    long zapped = 0;
    for (NostrEvent z : zaps) {
      String p = z.tagValue("p");
      boolean to = recipient == null ? p != null && p.matches("[0-9a-f]{64}") : recipient.equals(p);
      if (to && in(z.createdAt(), ws)) {
        Long msat = TruthAmounts.bolt11Msat(z.tagValue("bolt11"));
        zapped += msat == null ? 0 : msat / 1000;
      }
    }
    return zapped;
  }

  /**
   * Sats of the zap receipts in the window to a 64-hex recipient ({@code recipient} only, when given) that zapped an
   * event of kind {@code k} or of its result kind {@code k + 1000}, as the receipt's k tag says (else the k tag of the
   * zap request it describes).
   */
  private long zappedSatsOfKind(int k, String recipient, Long ws) {
    long zapped = 0;
    for (NostrEvent z : zaps) {
      String p = z.tagValue("p");
      String zk = z.tagValue("k");
      if (zk == null) {
        zk = requestKTag(z.tagValue("description"));
      }
      boolean ofKind = String.valueOf(k).equals(zk) || String.valueOf(k + 1000).equals(zk);
      boolean to = recipient == null ? p != null && p.matches("[0-9a-f]{64}") : recipient.equals(p);
      if (ofKind && to && in(z.createdAt(), ws)) {
        Long msat = TruthAmounts.bolt11Msat(z.tagValue("bolt11"));
        zapped += msat == null ? 0 : msat / 1000;
      }
    }
    return zapped;
  }

  private static String requestKTag(String description) {
    try {
      io.vertx.core.json.JsonArray tags = new JsonObject(description).getJsonArray("tags");
      for (int i = 0; tags != null && i < tags.size(); i++) {
        io.vertx.core.json.JsonArray t = tags.getJsonArray(i);
        if (t.size() >= 2 && "k".equals(t.getString(0))) {
          return t.getString(1);
        }
      }
    } catch (RuntimeException malformed) {
      return null;
    }
    return null;
  }

  /** delivered ÷ taken over the pairs (null when none was taken). */
  private static Double successRate(List<TruthPair> pairs) {
    long taken = 0;
    long delivered = 0;
    for (TruthPair p : pairs) {
      if (!p.results.isEmpty() || !p.feedback.isEmpty()) {
        taken++;
      }
      if (!p.results.isEmpty()) {
        delivered++;
      }
    }
    return taken == 0 ? null : (double) delivered / taken;
  }

  /** Greatest positive value; ties to the smallest key (the map is sorted). */
  private static <K> Map.Entry<K, Long> best(Map<K, Long> sorted) {
    Map.Entry<K, Long> best = null;
    for (Map.Entry<K, Long> e : sorted.entrySet()) {
      if (e.getValue() > 0 && (best == null || e.getValue() > best.getValue())) {
        best = e;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- per DVM

  /** DVMs with at least one result or feedback in the window, sorted by pubkey. */
  public JsonArray dvms(String range) {
    Long ws = windowStart(range);
    JsonArray out = new JsonArray();
    for (String d : dvmPubkeys) {
      if (activeIn(d, ws)) {
        out.add(dvm(range, d));
      }
    }
    return out;
  }

  private boolean activeIn(String d, Long ws) {
    for (NostrEvent e : results) {
      if (e.pubkey().equals(d) && in(e.createdAt(), ws)) {
        return true;
      }
    }
    for (NostrEvent e : feedback) {
      if (e.pubkey().equals(d) && in(e.createdAt(), ws)) {
        return true;
      }
    }
    return false;
  }

  /** Figures of one DVM (whether or not it is in the list for this range). */
  public JsonObject dvm(String range, String d) {
    Long ws = windowStart(range);
    long jobRequests = 0;
    long sats = 0;
    List<Long> times = new ArrayList<>();
    Map<Integer, long[]> byKind = new TreeMap<>();
    Map<Integer, List<Long>> timesByKind = new HashMap<>();
    List<TruthPair> own = new ArrayList<>();
    Map<Integer, List<TruthPair>> ownByKind = new HashMap<>();
    for (TruthPair p : pairs.values()) {
      if (!p.dvm.equals(d) || !in(p.time(), ws)) {
        continue;
      }
      own.add(p);
      if (p.kind() != null) {
        ownByKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p);
      }
      jobRequests++;
      sats += p.sats();
      Long rt = p.responseTime();
      if (rt != null && rt >= 0) {
        times.add(rt);
      }
      if (p.kind() != null) {
        byKind.computeIfAbsent(p.kind(), k -> new long[2])[1] += p.sats();
        List<Long> kt = timesByKind.computeIfAbsent(p.kind(), k -> new ArrayList<>());
        if (rt != null && rt >= 0) {
          kt.add(rt);
        }
      }
    }
    long nRes = 0;
    long nFb = 0;
    long errors = 0;
    Set<Integer> kinds = new TreeSet<>();
    Long first = null;
    Long last = null;
    for (NostrEvent e : results) {
      if (!e.pubkey().equals(d)) {
        continue;
      }
      first = first == null ? e.createdAt() : Math.min(first, e.createdAt());
      last = last == null ? e.createdAt() : Math.max(last, e.createdAt());
      if (in(e.createdAt(), ws)) {
        nRes++;
        kinds.add(e.kind() - 1000);
        byKind.computeIfAbsent(e.kind() - 1000, k -> new long[2])[0]++;
      }
    }
    for (NostrEvent e : feedback) {
      if (!e.pubkey().equals(d)) {
        continue;
      }
      first = first == null ? e.createdAt() : Math.min(first, e.createdAt());
      last = last == null ? e.createdAt() : Math.max(last, e.createdAt());
      if (in(e.createdAt(), ws)) {
        nFb++;
        if ("error".equals(e.tagValue("status"))) {
          errors++;
        }
        NostrEvent req = requestById.get(e.tagValue("e") == null ? "" : e.tagValue("e"));
        if (req != null) {
          kinds.add(req.kind());
        }
      }
    }
    long zapped = zappedSats(d, ws);
    JsonArray byKindJson = new JsonArray();
    for (Map.Entry<Integer, long[]> e : byKind.entrySet()) {
      byKindJson.add(new JsonObject()
        .put("kind", e.getKey())
        .put("job_results", e.getValue()[0])
        .put("sats_earned", e.getValue()[1])
        .put("sats_zapped", zappedSatsOfKind(e.getKey(), d, ws))
        .put("avg_response_seconds", avg(timesByKind.getOrDefault(e.getKey(), List.of())))
        .put("success_rate", successRate(ownByKind.getOrDefault(e.getKey(), List.of())))
        .put("p50_response_seconds", nearestRank(sorted(timesByKind.get(e.getKey())), 50))
        .put("p95_response_seconds", nearestRank(sorted(timesByKind.get(e.getKey())), 95)));
    }
    Collections.sort(times);
    JsonObject profile = identities.profile(d);
    return new JsonObject()
      .put("pubkey", d)
      .put("job_requests", jobRequests)
      .put("job_results", nRes)
      .put("job_feedback", nFb)
      .put("errors", errors)
      .put("avg_response_seconds", avg(times))
      .put("p50_response_seconds", nearestRank(times, 50))
      .put("p95_response_seconds", nearestRank(times, 95))
      .put("success_rate", successRate(own))
      .put("sats_earned", sats)
      .put("sats_zapped", zapped)
      .put("kinds", new JsonArray(new ArrayList<>(kinds)))
      .put("announced_kinds", new JsonArray(new ArrayList<>(identities.announcedKinds(d))))
      .put("announcement_kinds", new JsonArray(identities.forms(d)))
      .put("first_seen", first)
      .put("last_seen", last)
      .put("name", profile.getString("name"))
      .put("picture", profile.getString("picture"))
      .put("about", profile.getString("about"))
      .put("by_kind", byKindJson);
  }

  static Double avg(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return (double) sum / values.size();
  }

  private static List<Long> sorted(List<Long> values) {
    List<Long> copy = new ArrayList<>(values == null ? List.of() : values);
    Collections.sort(copy);
    return copy;
  }

  /** Value at 1-based position ceil(p/100 · n) of the sorted list; null when empty. */
  static Long nearestRank(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return null;
    }
    int n = sorted.size();
    int pos = (percent * n + 99) / 100;
    return sorted.get(Math.max(1, pos) - 1);
  }

  // ---------------------------------------------------------------- per kind

  /** Kinds with any request, result or counted feedback in the window, sorted. */
  public JsonArray kinds(String range) {
    Long ws = windowStart(range);
    Set<Integer> active = new TreeSet<>();
    for (NostrEvent e : requests) {
      if (in(e.createdAt(), ws)) {
        active.add(e.kind());
      }
    }
    for (NostrEvent e : results) {
      if (in(e.createdAt(), ws)) {
        active.add(e.kind() - 1000);
      }
    }
    for (NostrEvent e : feedback) {
      Integer k = feedbackKind(e);
      if (k != null && in(e.createdAt(), ws)) {
        active.add(k);
      }
    }
    JsonArray out = new JsonArray();
    for (int k : active) {
      out.add(kind(range, k));
    }
    return out;
  }

  /** The kind of the seen request a feedback references, or null. */
  private Integer feedbackKind(NostrEvent fb) {
    String ref = fb.tagValue("e");
    NostrEvent req = ref == null ? null : requestById.get(ref);
    return req == null ? null : req.kind();
  }

  public JsonObject kind(String range, int k) {
    Long ws = windowStart(range);
    long nReq = 0;
    long nRes = 0;
    long nFb = 0;
    Set<String> observed = new HashSet<>();
    for (NostrEvent e : requests) {
      if (e.kind() == k && in(e.createdAt(), ws)) {
        nReq++;
      }
    }
    for (NostrEvent e : results) {
      if (e.kind() == k + 1000 && in(e.createdAt(), ws)) {
        nRes++;
        observed.add(e.pubkey());
      }
    }
    for (NostrEvent e : feedback) {
      Integer fk = feedbackKind(e);
      if (fk != null && fk == k && in(e.createdAt(), ws)) {
        nFb++;
        observed.add(e.pubkey());
      }
    }
    long sats = 0;
    List<Long> times = new ArrayList<>();
    List<TruthPair> ofKind = new ArrayList<>();
    for (TruthPair p : pairs.values()) {
      if (p.kind() == null || p.kind() != k || !in(p.time(), ws)) {
        continue;
      }
      ofKind.add(p);
      sats += p.sats();
      Long rt = p.responseTime();
      if (rt != null && rt >= 0) {
        times.add(rt);
      }
    }
    Set<String> announced = new HashSet<>();
    Set<String> announcers = new HashSet<>();
    for (NostrEvent a : announcements) {
      announcers.add(a.pubkey());
    }
    for (String pk : announcers) {
      if (identities.announcedKinds(pk).contains(k)) {
        announced.add(pk);
      }
    }
    return new JsonObject()
      .put("kind", k)
      .put("job_requests", nReq)
      .put("job_results", nRes)
      .put("job_feedback", nFb)
      .put("sats_paid", sats)
      .put("sats_zapped", zappedSatsOfKind(k, null, ws))
      .put("dvm_count", observed.size())
      .put("announced_dvm_count", announced.size())
      .put("avg_response_seconds", avg(times))
      .put("success_rate", successRate(ofKind))
      .put("p50_response_seconds", nearestRank(sorted(times), 50))
      .put("p95_response_seconds", nearestRank(sorted(times), 95));
  }

  /**
   * The DVM rows of kind {@code k}'s detail: each DVM with a result of kind k + 1000 or a feedback counted for k in the
   * window (the kind's dvm_count), with its figures over its pairs of kind k and the zaps to it for kind k.
   */
  public JsonArray kindDvms(String range, int k) {
    Long ws = windowStart(range);
    Map<String, long[]> results = new TreeMap<>();
    for (NostrEvent e : this.results) {
      if (e.kind() == k + 1000 && in(e.createdAt(), ws)) {
        results.computeIfAbsent(e.pubkey(), d -> new long[1])[0]++;
      }
    }
    for (NostrEvent e : feedback) {
      Integer fk = feedbackKind(e);
      if (fk != null && fk == k && in(e.createdAt(), ws)) {
        results.computeIfAbsent(e.pubkey(), d -> new long[1]);
      }
    }
    JsonArray out = new JsonArray();
    for (Map.Entry<String, long[]> e : results.entrySet()) {
      String d = e.getKey();
      long sats = 0;
      List<Long> times = new ArrayList<>();
      List<TruthPair> own = new ArrayList<>();
      for (TruthPair p : pairs.values()) {
        if (p.dvm.equals(d) && p.kind() != null && p.kind() == k && in(p.time(), ws)) {
          own.add(p);
          sats += p.sats();
          Long rt = p.responseTime();
          if (rt != null && rt >= 0) {
            times.add(rt);
          }
        }
      }
      out.add(new JsonObject()
        .put("pubkey", d)
        .put("name", identities.profile(d).getString("name"))
        .put("job_results", e.getValue()[0])
        .put("sats_earned", sats)
        .put("sats_zapped", zappedSatsOfKind(k, d, ws))
        .put("avg_response_seconds", avg(times))
        .put("success_rate", successRate(own))
        .put("p50_response_seconds", nearestRank(sorted(times), 50))
        .put("p95_response_seconds", nearestRank(sorted(times), 95)));
    }
    return out;
  }

  // ---------------------------------------------------------------- time series

  /** Time series for a range; at most one of {@code kind} and {@code dvm} may be given. */
  public JsonObject timeseries(String range, Integer kind, String dvm) {
    if (kind != null && dvm != null) {
      throw new IllegalArgumentException("give kind or dvm, not both");
    }
    Long ws = windowStart(range);
    long b = bucketSeconds(range);
    Map<Long, Point> points = new TreeMap<>();
    for (NostrEvent e : requests) {
      if (in(e.createdAt(), ws) && (dvm == null) && (kind == null || e.kind() == kind)) {
        Point p = point(points, e.createdAt(), b);
        p.requests++;
        p.users.add(e.pubkey());
      }
    }
    for (NostrEvent e : results) {
      if (in(e.createdAt(), ws) && (kind == null || e.kind() == kind + 1000)
          && (dvm == null || e.pubkey().equals(dvm))) {
        Point p = point(points, e.createdAt(), b);
        p.results++;
        p.dvms.add(e.pubkey());
      }
    }
    for (NostrEvent e : feedback) {
      Integer fk = feedbackKind(e);
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
    for (TruthPair pr : pairs.values()) {
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
    long lastBucket = Math.floorDiv(now, b) * b;
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

  // ---------------------------------------------------------------- job pairs

  private TruthPair pair(String requestId, String dvm) {
    return pairs.computeIfAbsent(requestId + "|" + dvm, k -> new TruthPair(requestById.get(requestId), dvm));
  }
}
