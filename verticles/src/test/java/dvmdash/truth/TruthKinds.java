package dvmdash.truth;

import static dvmdash.truth.TruthEvents.in;
import static dvmdash.truth.TruthFigures.avg;
import static dvmdash.truth.TruthFigures.nearestRank;
import static dvmdash.truth.TruthFigures.sorted;
import static dvmdash.truth.TruthFigures.successRate;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The kind list, one kind's figures and its DVM rows (/api/kinds, /api/kinds/{kind}). */
final class TruthKinds {

  private final TruthEvents ev;
  private final TruthZaps zaps;

  TruthKinds(TruthEvents ev, TruthZaps zaps) {
    this.ev = ev;
    this.zaps = zaps;
  }

  /** Kinds with any request, result or counted feedback in the window, sorted. */
  public JsonArray kinds(String range) {
    Long ws = ev.windowStart(range);
    Set<Integer> active = new TreeSet<>();
    for (NostrEvent e : ev.requests) {
      if (in(e.createdAt(), ws)) {
        active.add(e.kind());
      }
    }
    for (NostrEvent e : ev.results) {
      if (in(e.createdAt(), ws)) {
        active.add(e.kind() - 1000);
      }
    }
    for (NostrEvent e : ev.feedback) {
      Integer k = ev.feedbackKind(e);
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

  public JsonObject kind(String range, int k) {
    Long ws = ev.windowStart(range);
    long nReq = 0;
    long nRes = 0;
    long nFb = 0;
    Set<String> observed = new HashSet<>();
    for (NostrEvent e : ev.requests) {
      if (e.kind() == k && in(e.createdAt(), ws)) {
        nReq++;
      }
    }
    for (NostrEvent e : ev.results) {
      if (e.kind() == k + 1000 && in(e.createdAt(), ws)) {
        nRes++;
        observed.add(e.pubkey());
      }
    }
    for (NostrEvent e : ev.feedback) {
      Integer fk = ev.feedbackKind(e);
      if (fk != null && fk == k && in(e.createdAt(), ws)) {
        nFb++;
        observed.add(e.pubkey());
      }
    }
    long sats = 0;
    List<Long> times = new ArrayList<>();
    List<TruthPair> ofKind = new ArrayList<>();
    for (TruthPair p : ev.pairs.values()) {
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
    for (NostrEvent a : ev.announcements) {
      announcers.add(a.pubkey());
    }
    for (String pk : announcers) {
      if (ev.identities.announcedKinds(pk).contains(k)) {
        announced.add(pk);
      }
    }
    return new JsonObject()
      .put("kind", k)
      .put("job_requests", nReq)
      .put("job_results", nRes)
      .put("job_feedback", nFb)
      .put("sats_paid", sats)
      .put("sats_zapped", zaps.zappedSatsOfKind(k, null, ws))
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
    Long ws = ev.windowStart(range);
    Map<String, long[]> results = new TreeMap<>();
    for (NostrEvent e : ev.results) {
      if (e.kind() == k + 1000 && in(e.createdAt(), ws)) {
        results.computeIfAbsent(e.pubkey(), d -> new long[1])[0]++;
      }
    }
    for (NostrEvent e : ev.feedback) {
      Integer fk = ev.feedbackKind(e);
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
      for (TruthPair p : ev.pairs.values()) {
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
        .put("name", ev.identities.profile(d).getString("name"))
        .put("job_results", e.getValue()[0])
        .put("sats_earned", sats)
        .put("sats_zapped", zaps.zappedSatsOfKind(k, d, ws))
        .put("avg_response_seconds", avg(times))
        .put("success_rate", successRate(own))
        .put("p50_response_seconds", nearestRank(sorted(times), 50))
        .put("p95_response_seconds", nearestRank(sorted(times), 95)));
    }
    return out;
  }
}
