package dvmdash.truth;

import static dvmdash.truth.TruthEvents.in;
import static dvmdash.truth.TruthFigures.best;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The global figures of a range (/api/stats/global). */
final class TruthGlobal {

  private final TruthEvents ev;
  private final TruthZaps zaps;

  TruthGlobal(TruthEvents ev, TruthZaps zaps) {
    this.ev = ev;
    this.zaps = zaps;
  }

  public JsonObject global(String range) {
    Long ws = ev.windowStart(range);
    long nReq = 0;
    long nRes = 0;
    long nFb = 0;
    Set<String> users = new HashSet<>();
    Set<String> dvms = new HashSet<>();
    Map<Integer, Long> reqPerKind = new TreeMap<>();
    for (NostrEvent e : ev.requests) {
      if (in(e.createdAt(), ws)) {
        nReq++;
        users.add(e.pubkey());
        reqPerKind.merge(e.kind(), 1L, Long::sum);
      }
    }
    Map<String, Long> resultsPerDvm = new TreeMap<>();
    for (NostrEvent e : ev.results) {
      if (in(e.createdAt(), ws)) {
        nRes++;
        dvms.add(e.pubkey());
        resultsPerDvm.merge(e.pubkey(), 1L, Long::sum);
      }
    }
    for (NostrEvent e : ev.feedback) {
      if (in(e.createdAt(), ws)) {
        nFb++;
        dvms.add(e.pubkey());
      }
    }
    long totalSats = 0;
    long skew = 0;
    Map<String, Long> satsPerDvm = new TreeMap<>();
    Map<Integer, Long> satsPerKind = new TreeMap<>();
    for (TruthPair p : ev.pairs.values()) {
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
      .put("total_sats_zapped", zaps.zappedSats(null, ws));
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
}
