package dvmdash.playground;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admission of playground publications, after the event itself was validated: an event id already relayed is refused
 * (a replay costs every relay a write and proves nothing), then each client address has its bucket
 * ({@code perClient} publications, one more every {@code perClientRefillMillis}), and all clients together share a
 * global bucket ({@code global}, one more every {@code globalRefillMillis}), so that many addresses cannot flood the
 * relays either. Thread-safe.
 */
public final class PublishGate {

  public enum Verdict { ALLOW, ALREADY_RELAYED, CLIENT_LIMIT, GLOBAL_LIMIT }

  private static final String GLOBAL = "*";
  private static final int REMEMBERED_IDS = 10_000;

  private final RateLimiter perClient;
  private final RateLimiter global;
  private final Map<String, Boolean> relayed = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_IDS;
    }
  };

  public PublishGate(int perClient, long perClientRefillMillis, int global, long globalRefillMillis) {
    this.perClient = new RateLimiter(perClient, perClientRefillMillis);
    this.global = new RateLimiter(global, globalRefillMillis);
  }

  /** Whether {@code client} may publish {@code eventId} now; takes the tokens when allowed. */
  public synchronized Verdict admit(String client, String eventId, long nowMillis) {
    if (relayed.containsKey(eventId)) {
      return Verdict.ALREADY_RELAYED;
    }
    if (!perClient.tryAcquire(client, nowMillis)) {
      return Verdict.CLIENT_LIMIT;
    }
    if (!global.tryAcquire(GLOBAL, nowMillis)) {
      return Verdict.GLOBAL_LIMIT;
    }
    return Verdict.ALLOW;
  }

  /** {@code eventId} was written to at least one relay: later copies are refused. */
  public synchronized void relayed(String eventId) {
    relayed.put(eventId, Boolean.TRUE);
  }
}
