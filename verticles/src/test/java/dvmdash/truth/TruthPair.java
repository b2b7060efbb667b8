package dvmdash.truth;

import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.List;

/** A (request, DVM) job pair with D's responses to R. */
final class TruthPair {
  final NostrEvent request;
  final String dvm;
  final List<NostrEvent> results = new ArrayList<>();
  final List<NostrEvent> feedback = new ArrayList<>();

  TruthPair(NostrEvent request, String dvm) {
    this.request = request;
    this.dvm = dvm;
  }

  long time() {
    if (request != null) {
      return request.createdAt();
    }
    long t = Long.MAX_VALUE;
    for (NostrEvent e : results) {
      t = Math.min(t, e.createdAt());
    }
    for (NostrEvent e : feedback) {
      t = Math.min(t, e.createdAt());
    }
    return t;
  }

  Integer kind() {
    if (request != null) {
      return request.kind();
    }
    Integer smallest = null;
    for (NostrEvent e : results) {
      if (smallest == null || e.kind() - 1000 < smallest) {
        smallest = e.kind() - 1000;
      }
    }
    return smallest;
  }

  Long responseTime() {
    if (request == null || results.isEmpty()) {
      return null;
    }
    long first = Long.MAX_VALUE;
    for (NostrEvent e : results) {
      first = Math.min(first, e.createdAt());
    }
    return first - request.createdAt();
  }

  Long amountMsat() {
    NostrEvent best = null;
    Long bestMsat = null;
    List<NostrEvent> candidates = new ArrayList<>(results);
    for (NostrEvent f : feedback) {
      if ("payment-required".equals(f.tagValue("status"))) {
        candidates.add(f);
      }
    }
    for (NostrEvent e : candidates) {
      List<String> tag = e.tag("amount");
      Long msat = tag == null || tag.size() < 2 ? null : TruthAmounts.msat(tag.get(1));
      if (msat == null) {
        continue;
      }
      if (best == null || TruthProfiles.later(e, best)) {
        best = e;
        bestMsat = msat;
      }
    }
    return bestMsat;
  }

  long sats() {
    Long msat = amountMsat();
    return results.isEmpty() || msat == null ? 0 : msat / 1000;
  }
}
