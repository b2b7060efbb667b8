package dvmdash.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may open a live stream, and which streams must go, so that clients that never read cannot lock others out:
 * <ul>
 *   <li>at most {@code maxPerClient} streams per client address (429 beyond);</li>
 *   <li>at most {@code maxStreams} in all; when full, a new client takes the place of the stream that has been
 *       stalled longest (its write queue full: a slow consumer), else of the oldest stream, which reconnects and
 *       catches up with {@code Last-Event-ID}: streams that never read cannot lock new clients out, however many
 *       they are (before their buffers fill, they look like readers);</li>
 *   <li>a stream stalled for {@code stallMillis} is closed; its browser reconnects with {@code Last-Event-ID}.</li>
 * </ul>
 * Pure bookkeeping with the clock passed in; confined to one event loop.
 *
 * @param <K> the stream's key
 */
final class StreamAdmission<K> {

  enum Verdict { ADMIT, ADMIT_AFTER_EVICTION, REFUSE_PER_CLIENT }

  /** The verdict and, for {@link Verdict#ADMIT_AFTER_EVICTION}, the stream to close first. */
  record Decision<K>(Verdict verdict, K evict) {
  }

  private static final class State {
    final String address;
    long stalledSince = -1;

    State(String address) {
      this.address = address;
    }
  }

  private final int maxStreams;
  private final int maxPerClient;
  private final long stallMillis;
  private final Map<K, State> streams = new LinkedHashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();

  StreamAdmission(int maxStreams, int maxPerClient, long stallMillis) {
    this.maxStreams = maxStreams;
    this.maxPerClient = maxPerClient;
    this.stallMillis = stallMillis;
  }

  Decision<K> decide(String address) {
    if (perAddress.getOrDefault(address, 0) >= maxPerClient) {
      return new Decision<>(Verdict.REFUSE_PER_CLIENT, null);
    }
    if (streams.size() < maxStreams) {
      return new Decision<>(Verdict.ADMIT, null);
    }
    K victim = streams.keySet().iterator().next();
    long since = Long.MAX_VALUE;
    for (Map.Entry<K, State> e : streams.entrySet()) {
      long s = e.getValue().stalledSince;
      if (s >= 0 && s < since) {
        since = s;
        victim = e.getKey();
      }
    }
    return new Decision<>(Verdict.ADMIT_AFTER_EVICTION, victim);
  }

  void add(K key, String address) {
    if (streams.putIfAbsent(key, new State(address)) == null) {
      perAddress.merge(address, 1, Integer::sum);
    }
  }

  void remove(K key) {
    State s = streams.remove(key);
    if (s != null) {
      perAddress.computeIfPresent(s.address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** The stream's write queue is full (kept from the first time until {@link #drained}). */
  void stalled(K key, long nowMillis) {
    State s = streams.get(key);
    if (s != null && s.stalledSince < 0) {
      s.stalledSince = nowMillis;
    }
  }

  void drained(K key) {
    State s = streams.get(key);
    if (s != null) {
      s.stalledSince = -1;
    }
  }

  /** Streams stalled for {@code stallMillis} or longer. */
  List<K> overdue(long nowMillis) {
    List<K> out = new ArrayList<>();
    streams.forEach((k, s) -> {
      if (s.stalledSince >= 0 && nowMillis - s.stalledSince >= stallMillis) {
        out.add(k);
      }
    });
    return out;
  }

  int size() {
    return streams.size();
  }
}
