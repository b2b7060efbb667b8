package dvmdash.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pages one relay filter backwards through {@code [since, until]} (NIP-01: {@code until} and {@code since} inclusive,
 * {@code limit} newest first). After each page the next {@code until} is the oldest {@code created_at} seen, so events
 * sharing that second are asked for again; they are recognised by id (only the ids of the current oldest second are
 * kept) and handed on once. A page that brings nothing new moves {@code until} one second further back; the filter is
 * done at an empty page or when {@code until} passes {@code since}. Every step either yields new events or lowers
 * {@code until}, so paging always ends. When more than {@code limit} events share one second the relay cannot return
 * the rest: seconds whose repeated page was full of that second alone are counted in
 * {@link Stats#saturatedSeconds()} (events beyond the limit at such a second may be missed; raise the limit). A relay that ignores {@code until} ends the
 * filter after its first page.
 */
public final class BackfillPager {

  /** One REQ with {@code filter} until EOSE: the EVENT frames of the subscription, as received. */
  @FunctionalInterface
  public interface PageSource {
    List<String> fetch(JsonObject filter) throws Exception;
  }

  /** Receives the frames of events not handed on before, page by page. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<String> frames) throws Exception;
  }

  /** Pages requested, frames received (including repeats at the boundary), frames handed on, saturated seconds. */
  public record Stats(long pages, long framesReceived, long framesNew, long saturatedSeconds) {
  }

  private final PageSource source;
  private final Sink sink;
  private final int limit;

  public BackfillPager(PageSource source, Sink sink, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    this.source = source;
    this.sink = sink;
    this.limit = limit;
  }

  /** Pages {@code base} (a filter without since/until/limit) through {@code [since, until]}. */
  public Stats run(JsonObject base, long since, long until) throws Exception {
    long pages = 0;
    long received = 0;
    long handedOn = 0;
    long saturated = 0;
    Long boundary = null;
    Set<String> boundaryIds = new HashSet<>();
    Set<String> unreadable = new HashSet<>();
    long cursor = until;
    while (cursor >= since) {
      JsonObject filter = base.copy().put("since", since).put("until", cursor).put("limit", limit);
      List<String> page = source.fetch(filter);
      pages++;
      received += page.size();
      if (page.isEmpty()) {
        break;
      }
      List<String> fresh = new ArrayList<>();
      long oldest = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      List<String> idsAtOldest = new ArrayList<>();
      int newReadable = 0;
      for (String frame : page) {
        JsonObject ev = eventOf(frame);
        Long at = ev == null ? null : longOrNull(ev.getValue("created_at"));
        String id = ev == null ? null : ev.getValue("id") instanceof String s ? s : null;
        if (at == null || id == null) {
          if (unreadable.add(frame)) {
            fresh.add(frame);
          }
          continue;
        }
        if (at < oldest) {
          oldest = at;
          idsAtOldest.clear();
        }
        if (at == oldest) {
          idsAtOldest.add(id);
        }
        newest = Math.max(newest, at);
        boolean isNew = boundary == null || at < boundary || (at.longValue() == boundary && !boundaryIds.contains(id));
        if (isNew && at <= until && at >= since) {
          fresh.add(frame);
          newReadable++;
          if (boundary != null && at.longValue() == boundary) {
            boundaryIds.add(id);
          }
        }
      }
      sink.accept(fresh);
      handedOn += fresh.size();
      if (oldest == Long.MAX_VALUE) {
        break;
      }
      if (boundary == null || oldest < boundary) {
        boundary = oldest;
        boundaryIds = new HashSet<>(idsAtOldest);
      } else if (oldest == boundary) {
        boundaryIds.addAll(idsAtOldest);
      }
      if (newReadable == 0) {
        if (oldest > cursor) {
          break; // the relay ignores until: asking again would return the same page
        }
        if (page.size() >= limit && oldest == newest) {
          saturated++;
        }
        cursor = Math.min(cursor, oldest) - 1;
      } else {
        cursor = Math.min(cursor, oldest);
      }
    }
    return new Stats(pages, received, handedOn, saturated);
  }

  private static JsonObject eventOf(String frame) {
    try {
      JsonArray a = new JsonArray(frame);
      return a.size() > 2 && a.getValue(2) instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Long longOrNull(Object v) {
    return v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : null;
  }
}
