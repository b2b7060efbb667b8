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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The DVM list and one DVM's figures (/api/dvms, /api/dvms/{pubkey}). */
final class TruthDvms {

  private final TruthEvents ev;
  private final TruthZaps zaps;

  TruthDvms(TruthEvents ev, TruthZaps zaps) {
    this.ev = ev;
    this.zaps = zaps;
  }

  /** DVMs with at least one result or feedback in the window, sorted by pubkey. */
  public JsonArray dvms(String range) {
    Long ws = ev.windowStart(range);
    JsonArray out = new JsonArray();
    for (String d : ev.dvmPubkeys) {
      if (activeIn(d, ws)) {
        out.add(dvm(range, d));
      }
    }
    return out;
  }

  private boolean activeIn(String d, Long ws) {
    for (NostrEvent e : ev.results) {
      if (e.pubkey().equals(d) && in(e.createdAt(), ws)) {
        return true;
      }
    }
    for (NostrEvent e : ev.feedback) {
      if (e.pubkey().equals(d) && in(e.createdAt(), ws)) {
        return true;
      }
    }
    return false;
  }

  /** Figures of one DVM (whether or not it is in the list for this range). */
  public JsonObject dvm(String range, String d) {
    Long ws = ev.windowStart(range);
    long jobRequests = 0;
    long sats = 0;
    List<Long> times = new ArrayList<>();
    Map<Integer, long[]> byKind = new TreeMap<>();
    Map<Integer, List<Long>> timesByKind = new HashMap<>();
    List<TruthPair> own = new ArrayList<>();
    Map<Integer, List<TruthPair>> ownByKind = new HashMap<>();
    for (TruthPair p : ev.pairs.values()) {
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
    for (NostrEvent e : ev.results) {
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
    for (NostrEvent e : ev.feedback) {
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
        NostrEvent req = ev.requestById.get(e.tagValue("e") == null ? "" : e.tagValue("e"));
        if (req != null) {
          kinds.add(req.kind());
        }
      }
    }
    long zapped = zaps.zappedSats(d, ws);
    JsonArray byKindJson = new JsonArray();
    for (Map.Entry<Integer, long[]> e : byKind.entrySet()) {
      byKindJson.add(new JsonObject()
        .put("kind", e.getKey())
        .put("job_results", e.getValue()[0])
        .put("sats_earned", e.getValue()[1])
        .put("sats_zapped", zaps.zappedSatsOfKind(e.getKey(), d, ws))
        .put("avg_response_seconds", avg(timesByKind.getOrDefault(e.getKey(), List.of())))
        .put("success_rate", successRate(ownByKind.getOrDefault(e.getKey(), List.of())))
        .put("p50_response_seconds", nearestRank(sorted(timesByKind.get(e.getKey())), 50))
        .put("p95_response_seconds", nearestRank(sorted(timesByKind.get(e.getKey())), 95)));
    }
    Collections.sort(times);
    JsonObject profile = ev.identities.profile(d);
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
      .put("announced_kinds", new JsonArray(new ArrayList<>(ev.identities.announcedKinds(d))))
      .put("announcement_kinds", new JsonArray(ev.identities.forms(d)))
      .put("first_seen", first)
      .put("last_seen", last)
      .put("name", profile.getString("name"))
      .put("picture", profile.getString("picture"))
      .put("about", profile.getString("about"))
      .put("by_kind", byKindJson);
  }
}
