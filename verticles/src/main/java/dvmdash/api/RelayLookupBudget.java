package dvmdash.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds what unknown ids cost: each {@code GET /api/events/{id}} of an id not stored would send a REQ to every
 * relay. An id that no relay had is remembered for {@code missTtlMillis} (at most {@code maxMisses} ids, oldest
 * forgotten first) and answered 404 at once; and at most {@code perSecond} relay lookups start per second (a bucket of
 * {@code burst}), beyond which the answer is 429. Pure logic with the clock passed in; one event loop.
 */
final class RelayLookupBudget {

  enum Verdict { ASK_RELAYS, KNOWN_MISSING, TOO_MANY }

  private final double perSecond;
  private final double burst;
  private final long missTtlMillis;
  private final Map<String, Long> misses;
  private double tokens;
  private long refilledAt = Long.MIN_VALUE;

  RelayLookupBudget(double perSecond, int burst, long missTtlMillis, int maxMisses) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.missTtlMillis = missTtlMillis;
    this.tokens = burst;
    this.misses = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > maxMisses;
      }
    };
  }

  Verdict admit(String id, long nowMillis) {
    Long until = misses.get(id);
    if (until != null) {
      if (until > nowMillis) {
        return Verdict.KNOWN_MISSING;
      }
      misses.remove(id);
    }
    if (refilledAt == Long.MIN_VALUE) {
      refilledAt = nowMillis;
    }
    tokens = Math.min(burst, tokens + (nowMillis - refilledAt) * perSecond / 1000.0);
    refilledAt = nowMillis;
    if (tokens < 1) {
      return Verdict.TOO_MANY;
    }
    tokens -= 1;
    return Verdict.ASK_RELAYS;
  }

  /** No relay had {@code id}. */
  void missing(String id, long nowMillis) {
    misses.remove(id);
    misses.put(id, nowMillis + missTtlMillis);
  }
}
