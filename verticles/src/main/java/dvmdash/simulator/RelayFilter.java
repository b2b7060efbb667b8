package dvmdash.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One NIP-01 filter: values within a key are OR-ed, keys are AND-ed; {@code since}/{@code until} are inclusive;
 * {@code limit} bounds the stored answer (newest first).
 */
public final class RelayFilter {

  private final Set<String> ids;
  private final Set<String> authors;
  private final Set<Integer> kinds;
  private final List<Set<String>> tagConditions;
  private final Long since;
  private final Long until;
  private final Integer limit;

  private RelayFilter(Set<String> ids, Set<String> authors, Set<Integer> kinds, List<Set<String>> tagConditions,
                      Long since, Long until, Integer limit) {
    this.ids = ids;
    this.authors = authors;
    this.kinds = kinds;
    this.tagConditions = tagConditions;
    this.since = since;
    this.until = until;
    this.limit = limit;
  }

  /** Parses a filter object; throws IllegalArgumentException with a client-facing message on bad input. */
  public static RelayFilter parse(Object raw) {
    if (!(raw instanceof JsonObject o)) {
      throw new IllegalArgumentException("filter must be an object");
    }
    Set<String> ids = null;
    Set<String> authors = null;
    Set<Integer> kinds = null;
    List<Set<String>> tagConditions = new ArrayList<>();
    Long since = null;
    Long until = null;
    Integer limit = null;
    for (Map.Entry<String, Object> e : o) {
      String key = e.getKey();
      switch (key) {
        case "ids" -> ids = strings(e.getValue(), key);
        case "authors" -> authors = strings(e.getValue(), key);
        case "kinds" -> kinds = integers(e.getValue());
        case "since" -> since = number(e.getValue(), key);
        case "until" -> until = number(e.getValue(), key);
        case "limit" -> limit = (int) Math.min(Integer.MAX_VALUE, Math.max(0, number(e.getValue(), key)));
        default -> {
          if (key.length() == 2 && key.charAt(0) == '#') {
            Set<String> values = strings(e.getValue(), key);
            Set<String> prefixed = new HashSet<>();
            for (String v : values) {
              prefixed.add(key.charAt(1) + ":" + v);
            }
            tagConditions.add(prefixed);
          }
        }
      }
    }
    return new RelayFilter(ids, authors, kinds, List.copyOf(tagConditions), since, until, limit);
  }

  public boolean matches(RelayEntry e) {
    if (ids != null && !ids.contains(e.id())) {
      return false;
    }
    if (authors != null && !authors.contains(e.pubkey())) {
      return false;
    }
    if (kinds != null && !kinds.contains(e.kind())) {
      return false;
    }
    if (since != null && e.createdAt() < since) {
      return false;
    }
    if (until != null && e.createdAt() > until) {
      return false;
    }
    for (Set<String> condition : tagConditions) {
      boolean any = false;
      for (String t : e.tagIndex()) {
        if (condition.contains(t)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** Number of values in {@code kinds}, 0 when absent. */
  public int kindCount() {
    return kinds == null ? 0 : kinds.size();
  }

  /** The limit, or null when none was given. */
  public Integer limit() {
    return limit;
  }

  private static Set<String> strings(Object v, String key) {
    if (!(v instanceof JsonArray arr)) {
      throw new IllegalArgumentException(key + " must be an array");
    }
    Set<String> out = new HashSet<>();
    for (Object o : arr) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(key + " values must be strings");
      }
      out.add(s);
    }
    return out;
  }

  private static Set<Integer> integers(Object v) {
    if (!(v instanceof JsonArray arr)) {
      throw new IllegalArgumentException("kinds must be an array");
    }
    Set<Integer> out = new HashSet<>();
    for (Object o : arr) {
      if (!(o instanceof Integer || o instanceof Long)) {
        throw new IllegalArgumentException("kinds values must be integers");
      }
      out.add(((Number) o).intValue());
    }
    return out;
  }

  private static long number(Object v, String key) {
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new IllegalArgumentException(key + " must be an integer");
    }
    return ((Number) v).longValue();
  }
}
