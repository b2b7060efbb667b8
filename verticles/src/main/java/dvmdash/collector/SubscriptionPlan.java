package dvmdash.collector;

import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which REQs a connection sends. Relay filters have no ranges, so the DVM kinds (5000-6999, 7000, 31990, 9735, minus
 * the excluded ones; about 2000 values) are chunked into filters of at most {@code kindsPerFilter} kinds. Immutable:
 * {@link #split()} yields the next, finer plan after a relay refused this one.
 *
 * <p>Split ladder: one REQ with N kinds per filter → one REQ with N/2 → one REQ per chunk → halve again, one REQ per
 * chunk, down to {@link CollectorConfig#MIN_KINDS_PER_FILTER}.
 */
public final class SubscriptionPlan {

  /** Sub ids of the DVM-kinds subscription start with this. */
  public static final String MAIN_PREFIX = "dvm";
  /** Sub ids of the REQs fetching the gap of an interrupted backlog ({@link SavedBacklog}) start with this. */
  public static final String GAP_PREFIX = "gap";
  /** Sub ids of kind-0 profile subscriptions start with this. */
  public static final String PROFILE_PREFIX = "prof-";
  public static final int AUTHORS_PER_FILTER = 500;
  /** Heartbeats (1999, 11998), ContextVM (11316-11320), encrypted-DVM (11999) and 31999 service announcements. */
  public static final List<Integer> LIVENESS_KINDS = List.of(1999, 11316, 11317, 11318, 11319, 11320, 11998, 11999,
      31999);

  private final List<Integer> kinds;
  private final int kindsPerFilter;
  private final boolean reqPerChunk;
  private final boolean initial;

  private SubscriptionPlan(List<Integer> kinds, int kindsPerFilter, boolean reqPerChunk, boolean initial) {
    this.kinds = kinds;
    this.kindsPerFilter = kindsPerFilter;
    this.reqPerChunk = reqPerChunk;
    this.initial = initial;
  }

  public static SubscriptionPlan initial(Set<Integer> excludedKinds, int kindsPerFilter) {
    if (kindsPerFilter < CollectorConfig.MIN_KINDS_PER_FILTER) {
      throw new IllegalArgumentException("kindsPerFilter below " + CollectorConfig.MIN_KINDS_PER_FILTER);
    }
    return new SubscriptionPlan(dvmKinds(excludedKinds), kindsPerFilter, false, true);
  }

  /**
   * 5000-5999, 6000-6999 (6999 included), 7000, 9735, 31990, and the liveness and newer announcement kinds
   * ({@link #LIVENESS_KINDS}), minus {@code excludedKinds}; ascending.
   */
  public static List<Integer> dvmKinds(Set<Integer> excludedKinds) {
    List<Integer> out = new ArrayList<>(2003);
    for (int k = 5000; k <= 7000; k++) {
      out.add(k);
    }
    out.add(9735);
    out.add(31990);
    out.addAll(LIVENESS_KINDS);
    out.sort(null);
    out.removeIf(excludedKinds::contains);
    return Collections.unmodifiableList(out);
  }

  public List<Integer> kinds() {
    return kinds;
  }

  public Set<Integer> kindSet() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(kinds));
  }

  public int kindsPerFilter() {
    return kindsPerFilter;
  }

  public boolean reqPerChunk() {
    return reqPerChunk;
  }

  public static boolean isMain(String subId) {
    return subId != null && subId.startsWith(MAIN_PREFIX);
  }

  /** The next finer plan, or empty when already at the floor. */
  public Optional<SubscriptionPlan> split() {
    int half = Math.max(CollectorConfig.MIN_KINDS_PER_FILTER, kindsPerFilter / 2);
    if (initial && half < kindsPerFilter) {
      return Optional.of(new SubscriptionPlan(kinds, half, false, false));
    }
    if (!reqPerChunk) {
      return Optional.of(new SubscriptionPlan(kinds, kindsPerFilter, true, false));
    }
    if (half < kindsPerFilter) {
      return Optional.of(new SubscriptionPlan(kinds, half, true, false));
    }
    return Optional.empty();
  }

  /** The DVM-kinds REQs; {@code since} (unix seconds) is added to every filter when not null. */
  public List<Req> mainRequests(Long since) {
    return requests(MAIN_PREFIX, since, null);
  }

  /** The DVM-kinds REQs for {@code since ≤ created_at ≤ until} only (sub ids {@value #GAP_PREFIX}…). */
  public List<Req> gapRequests(long since, long until) {
    return requests(GAP_PREFIX, since, until);
  }

  private List<Req> requests(String prefix, Long since, Long until) {
    List<JsonObject> filters = new ArrayList<>();
    for (int from = 0; from < kinds.size(); from += kindsPerFilter) {
      List<Integer> chunk = kinds.subList(from, Math.min(kinds.size(), from + kindsPerFilter));
      JsonObject f = new JsonObject().put("kinds", new JsonArray(new ArrayList<>(chunk)));
      if (since != null) {
        f.put("since", since);
      }
      if (until != null) {
        f.put("until", until);
      }
      filters.add(f);
    }
    if (!reqPerChunk) {
      return List.of(new Req(prefix, filters));
    }
    List<Req> reqs = new ArrayList<>(filters.size());
    for (int i = 0; i < filters.size(); i++) {
      reqs.add(new Req(prefix + "-" + i, List.of(filters.get(i))));
    }
    return reqs;
  }

  /**
   * Kind-0 REQs for the chunks of {@code authors} (500 per filter, one REQ per chunk, sub id by chunk position) that
   * hold any author at index {@code fromIndex} or later. Re-sending a chunk's sub id replaces that subscription, so
   * newly discovered authors never add subscriptions beyond one per 500 authors.
   */
  public static List<Req> profileRequests(List<String> authors, int fromIndex) {
    List<Req> reqs = new ArrayList<>();
    int firstChunk = Math.max(0, fromIndex) / AUTHORS_PER_FILTER;
    for (int from = firstChunk * AUTHORS_PER_FILTER; from < authors.size(); from += AUTHORS_PER_FILTER) {
      List<String> chunk = authors.subList(from, Math.min(authors.size(), from + AUTHORS_PER_FILTER));
      JsonObject f = new JsonObject()
          .put("kinds", new JsonArray().add(0))
          .put("authors", new JsonArray(new ArrayList<>(chunk)));
      reqs.add(new Req(PROFILE_PREFIX + (from / AUTHORS_PER_FILTER), List.of(f)));
    }
    return reqs;
  }

  @Override
  public String toString() {
    return "SubscriptionPlan{" + kinds.size() + " kinds, " + kindsPerFilter + " per filter"
        + (reqPerChunk ? ", one REQ per chunk" : "") + "}";
  }

  /** One {@code ["REQ", subId, filter…]} message. */
  public record Req(String subId, List<JsonObject> filters) {

    public Req {
      filters = List.copyOf(filters);
    }

    public String toFrame() {
      JsonArray a = new JsonArray().add("REQ").add(subId);
      filters.forEach(a::add);
      return a.encode();
    }

    public String closeFrame() {
      return new JsonArray().add("CLOSE").add(subId).encode();
    }
  }
}
