package dvmdash.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers shared between requests (docs/api-spec.md, "Shared answers"). A stats or jobs-list answer depends only on
 * the stored data and on the minute its window ends in (windows are aligned to the minute), so two requests for the
 * same URI in the same minute, with no batch committed and no health state changed in between, get the same answer:
 * it is computed once, also while it is being computed (concurrent requests wait for the same queries), and encoded
 * once: what is kept is the JSON text (null for an answer that does not exist, a 404).
 * {@link #invalidate} (a batch committed, a state changed) drops every answer. Bounded: the least recently used
 * answer goes first. Shared by the API's HTTP event loops ({@link HttpLoops}), so every access is synchronized;
 * a shared future completes on the loop that computed it and Vert.x hands each write to its own connection's loop.
 */
public final class AnswerCache {

  private record Entry(long generation, long minute, Future<Buffer> answer) {
  }

  private final int capacity;
  private final Map<String, Entry> entries;
  private long generation;
  private long hits;
  private long misses;

  /** {@code capacity} 0 turns sharing off: every request computes its own answer. */
  public AnswerCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > AnswerCache.this.capacity;
      }
    };
  }

  /**
   * The answer to the validated {@code request} whose window ends at {@code nowSeconds}: shared with the requests for
   * the same URI in the same minute, or computed for it when it asks so ({@code Cache-Control: no-cache}).
   */
  Future<Buffer> answer(HttpServerRequest request, long nowSeconds, Supplier<Future<JsonObject>> compute) {
    String query = request.query();
    String key = query == null ? request.path() : request.path() + "?" + query;
    String control = request.getHeader("Cache-Control");
    return control != null && control.contains("no-cache") ? refresh(key, nowSeconds, compute)
        : get(key, nowSeconds, compute);
  }

  /**
   * The shared answer for {@code key} at {@code nowSeconds} (the time its window ends), computed by {@code compute}
   * when there is none for that minute yet.
   */
  synchronized Future<Buffer> get(String key, long nowSeconds, Supplier<Future<JsonObject>> compute) {
    long minute = Math.floorDiv(nowSeconds, 60);
    Entry e = entries.get(key);
    if (e != null && e.generation == generation && e.minute == minute && !e.answer.failed()) {
      hits++;
      return e.answer;
    }
    return refresh(key, nowSeconds, compute);
  }

  /** Computes the answer for this request (HTTP {@code Cache-Control: no-cache}) and shares it from now on. */
  synchronized Future<Buffer> refresh(String key, long nowSeconds, Supplier<Future<JsonObject>> compute) {
    misses++;
    Future<Buffer> answer = compute.get().map(json -> json == null ? null : json.toBuffer());
    if (capacity > 0) {
      Entry fresh = new Entry(generation, Math.floorDiv(nowSeconds, 60), answer);
      entries.put(key, fresh);
      answer.onFailure(err -> forget(key, fresh));
    }
    return answer;
  }

  private synchronized void forget(String key, Entry failed) {
    entries.remove(key, failed);
  }

  /** The data changed: no answer computed before may be given again (one still being computed is not kept). */
  public synchronized void invalidate() {
    generation++;
    entries.clear();
  }

  /** Requests answered with an answer computed for an earlier request (for /metrics). */
  public synchronized long hits() {
    return hits;
  }

  /** Requests whose answer was computed for them (for /metrics). */
  public synchronized long misses() {
    return misses;
  }

  synchronized int size() {
    return entries.size();
  }
}
