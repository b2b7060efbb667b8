package dvmdash.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validated settings of the relay collector. Built from the verticle's {@code config()} with {@link #fromJson}; JSON
 * keys are snake_case (constants below). Invalid values fail fast with an {@link IllegalArgumentException} naming the
 * key.
 */
public record CollectorConfig(
    List<String> relays,
    Set<Integer> excludedKinds,
    int maxEventBytes,
    long futureToleranceSeconds,
    int dedupCapacity,
    int maxInFlightEvents,
    int batchEvents,
    long batchMillis,
    int kindsPerFilter,
    long eoseTimeoutMillis,
    long backoffMinMillis,
    long backoffMaxMillis,
    long resumeSkewSeconds,
    String cursorFile,
    long minCreatedAt,
    long healthyResetMillis,
    long maxInFlightBytes,
    long healthStallSeconds,
    int requesterProfilesMax,
    long backlogCheckpointEvents) {

  public static final String RELAYS = "relays";
  public static final String EXCLUDED_KINDS = "excluded_kinds";
  public static final String MAX_EVENT_BYTES = "max_event_bytes";
  public static final String FUTURE_TOLERANCE_SECONDS = "future_tolerance_seconds";
  public static final String DEDUP_CAPACITY = "dedup_capacity";
  public static final String MAX_IN_FLIGHT_EVENTS = "max_in_flight_events";
  public static final String BATCH_EVENTS = "batch_events";
  public static final String BATCH_MILLIS = "batch_millis";
  public static final String KINDS_PER_FILTER = "kinds_per_filter";
  public static final String EOSE_TIMEOUT_MILLIS = "eose_timeout_millis";
  public static final String BACKOFF_MIN_MILLIS = "backoff_min_millis";
  public static final String BACKOFF_MAX_MILLIS = "backoff_max_millis";
  public static final String RESUME_SKEW_SECONDS = "resume_skew_seconds";
  public static final String CURSOR_FILE = "cursor_file";
  /** The one name of the cursor file, in the data directory ({@code data_dir}) unless {@code cursor_file} says else. */
  public static final String CURSOR_FILE_NAME = "relay-cursors.json";
  public static final String MIN_CREATED_AT = "min_created_at";
  public static final String HEALTHY_RESET_MILLIS = "healthy_reset_millis";
  public static final String MAX_IN_FLIGHT_BYTES = "max_in_flight_bytes";
  public static final String HEALTH_STALL_SECONDS = "health_stall_seconds";
  public static final String REQUESTER_PROFILES_MAX = "requester_profiles_max";
  /** Upper bound of {@code requester_profiles_max}: 20 kind-0 subscriptions of 500 authors. */
  public static final int MAX_REQUESTER_PROFILES = 10_000;
  public static final String BACKLOG_CHECKPOINT_EVENTS = "backlog_checkpoint_events";

  /** 2020-11-07T00:00:00Z, the day of the first Nostr event: nothing older can be genuine. */
  public static final long DEFAULT_MIN_CREATED_AT = 1_604_707_200L;

  /** Kinds the original DVMDash excluded as range squatters (polls and others). */
  public static final Set<Integer> DEFAULT_EXCLUDED_KINDS = Set.of(5666, 6666, 5969, 6969);
  /** The per-connection dedup mask is a long: one bit per relay. */
  public static final int MAX_RELAYS = 64;
  /** Smallest kinds list per filter the subscription splitting goes down to. */
  public static final int MIN_KINDS_PER_FILTER = 50;

  public CollectorConfig {
    relays = List.copyOf(relays);
    excludedKinds = Set.copyOf(excludedKinds);
    validate(relays, excludedKinds, maxEventBytes, futureToleranceSeconds, dedupCapacity, maxInFlightEvents,
        batchEvents, batchMillis, kindsPerFilter, eoseTimeoutMillis, backoffMinMillis, backoffMaxMillis,
        resumeSkewSeconds, cursorFile);
    atLeast(MIN_CREATED_AT, minCreatedAt, 0);
    atLeast(HEALTHY_RESET_MILLIS, healthyResetMillis, 1);
    atLeast(MAX_IN_FLIGHT_BYTES, maxInFlightBytes, 2L * maxEventBytes);
    atLeast(HEALTH_STALL_SECONDS, healthStallSeconds, 60);
    atLeast(REQUESTER_PROFILES_MAX, requesterProfilesMax, 0);
    atMost(REQUESTER_PROFILES_MAX, requesterProfilesMax, MAX_REQUESTER_PROFILES);
    atLeast(BACKLOG_CHECKPOINT_EVENTS, backlogCheckpointEvents, 1);
  }

  public static CollectorConfig fromJson(JsonObject json) {
    JsonObject j = json == null ? new JsonObject() : json;
    return new CollectorConfig(
        relays(j),
        excluded(j),
        (int) number(j, MAX_EVENT_BYTES, 524_288),
        number(j, FUTURE_TOLERANCE_SECONDS, 900),
        (int) number(j, DEDUP_CAPACITY, 500_000),
        (int) number(j, MAX_IN_FLIGHT_EVENTS, 20_000),
        (int) number(j, BATCH_EVENTS, 256),
        number(j, BATCH_MILLIS, 20),
        (int) number(j, KINDS_PER_FILTER, 1000),
        number(j, EOSE_TIMEOUT_MILLIS, 15_000),
        number(j, BACKOFF_MIN_MILLIS, 1000),
        number(j, BACKOFF_MAX_MILLIS, 300_000),
        number(j, RESUME_SKEW_SECONDS, 600),
        string(j, CURSOR_FILE, "data/" + CURSOR_FILE_NAME),
        number(j, MIN_CREATED_AT, DEFAULT_MIN_CREATED_AT),
        number(j, HEALTHY_RESET_MILLIS, 60_000),
        number(j, MAX_IN_FLIGHT_BYTES, 64L * 1024 * 1024),
        number(j, HEALTH_STALL_SECONDS, 180),
        (int) number(j, REQUESTER_PROFILES_MAX, 1000),
        number(j, BACKLOG_CHECKPOINT_EVENTS, 2000));
  }

  private static void validate(List<String> relays, Set<Integer> excludedKinds, int maxEventBytes,
                               long futureToleranceSeconds, int dedupCapacity, int maxInFlightEvents, int batchEvents,
                               long batchMillis, int kindsPerFilter, long eoseTimeoutMillis, long backoffMinMillis,
                               long backoffMaxMillis, long resumeSkewSeconds, String cursorFile) {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException(RELAYS + ": at least one ws:// or wss:// relay URL is required");
    }
    if (relays.size() > MAX_RELAYS) {
      throw new IllegalArgumentException(RELAYS + ": at most " + MAX_RELAYS + " relays per collector, got "
          + relays.size());
    }
    if (new LinkedHashSet<>(relays).size() != relays.size()) {
      throw new IllegalArgumentException(RELAYS + ": duplicate relay URL");
    }
    for (String url : relays) {
      checkRelayUrl(url);
    }
    for (Integer k : excludedKinds) {
      if (k == null || k < 0 || k > 65535) {
        throw new IllegalArgumentException(EXCLUDED_KINDS + ": kinds must be integers 0..65535, got " + k);
      }
    }
    atLeast(MAX_EVENT_BYTES, maxEventBytes, 1024);
    atMost(MAX_EVENT_BYTES, maxEventBytes, 64L * 1024 * 1024);
    atLeast(FUTURE_TOLERANCE_SECONDS, futureToleranceSeconds, 0);
    atLeast(DEDUP_CAPACITY, dedupCapacity, 1);
    atLeast(MAX_IN_FLIGHT_EVENTS, maxInFlightEvents, 2);
    atLeast(BATCH_EVENTS, batchEvents, 1);
    atLeast(BATCH_MILLIS, batchMillis, 1);
    atLeast(KINDS_PER_FILTER, kindsPerFilter, MIN_KINDS_PER_FILTER);
    atLeast(EOSE_TIMEOUT_MILLIS, eoseTimeoutMillis, 1);
    atLeast(BACKOFF_MIN_MILLIS, backoffMinMillis, 1);
    atLeast(BACKOFF_MAX_MILLIS, backoffMaxMillis, backoffMinMillis);
    atLeast(RESUME_SKEW_SECONDS, resumeSkewSeconds, 0);
    if (cursorFile == null || cursorFile.isBlank()) {
      throw new IllegalArgumentException(CURSOR_FILE + ": a file path is required");
    }
  }

  private static void checkRelayUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException(RELAYS + ": not a URL: " + url);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
      throw new IllegalArgumentException(RELAYS + ": URL must start with ws:// or wss://: " + url);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(RELAYS + ": URL has no host: " + url);
    }
  }

  private static void atLeast(String key, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(key + ": must be >= " + min + ", got " + value);
    }
  }

  private static void atMost(String key, long value, long max) {
    if (value > max) {
      throw new IllegalArgumentException(key + ": must be <= " + max + ", got " + value);
    }
  }

  private static List<String> relays(JsonObject j) {
    Object raw = j.getValue(RELAYS);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray arr)) {
      throw new IllegalArgumentException(RELAYS + ": must be a JSON array of URL strings");
    }
    List<String> out = new ArrayList<>(arr.size());
    for (Object o : arr) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(RELAYS + ": must be a JSON array of URL strings, got " + o);
      }
      out.add(s.trim());
    }
    return out;
  }

  /**
   * The {@code excluded_kinds} of a collector config object ({@link #DEFAULT_EXCLUDED_KINDS} when absent), validated
   * as {@link #fromJson} does; for nodes that need only this setting (the API's playground), whose config may have no
   * relay list.
   */
  public static Set<Integer> excludedKinds(JsonObject collector) {
    return Set.copyOf(excluded(collector == null ? new JsonObject() : collector));
  }

  private static Set<Integer> excluded(JsonObject j) {
    Object raw = j.getValue(EXCLUDED_KINDS);
    if (raw == null) {
      return DEFAULT_EXCLUDED_KINDS;
    }
    if (!(raw instanceof JsonArray arr)) {
      throw new IllegalArgumentException(EXCLUDED_KINDS + ": must be a JSON array of integers");
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (Object o : arr) {
      if (!(o instanceof Integer || o instanceof Long)) {
        throw new IllegalArgumentException(EXCLUDED_KINDS + ": must be a JSON array of integers, got " + o);
      }
      long k = ((Number) o).longValue();
      if (k < 0 || k > 65535) {
        throw new IllegalArgumentException(EXCLUDED_KINDS + ": kinds must be 0..65535, got " + k);
      }
      out.add((int) k);
    }
    return out;
  }

  private static long number(JsonObject j, String key, long def) {
    Object raw = j.getValue(key);
    if (raw == null) {
      return def;
    }
    if (!(raw instanceof Integer || raw instanceof Long)) {
      throw new IllegalArgumentException(key + ": must be an integer, got " + raw);
    }
    long v = ((Number) raw).longValue();
    if (v > Integer.MAX_VALUE && !(key.endsWith("_millis") || key.endsWith("_seconds") || key.endsWith("_bytes"))) {
      throw new IllegalArgumentException(key + ": too large: " + v);
    }
    return v;
  }

  private static String string(JsonObject j, String key, String def) {
    Object raw = j.getValue(key);
    if (raw == null) {
      return def;
    }
    if (!(raw instanceof String s)) {
      throw new IllegalArgumentException(key + ": must be a string, got " + raw);
    }
    return s;
  }
}
