package dvmdash.collector;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One relay of the operator's list: its URL and its activity mark. {@code high} marks a busy relay: in a cluster the
 * busy relays are spread over the collectors first ({@link dvmdash.cluster.RelayShare}); on every collector a busy
 * relay's reconnect backoff is capped at {@link #HIGH_BACKOFF_MAX_MILLIS} so it is back quickly after a drop.
 */
public record RelayEntry(String url, Activity activity) {

  /** Reconnect backoff cap of a high-activity relay (normal relays use {@code collector.backoff_max_millis}). */
  public static final long HIGH_BACKOFF_MAX_MILLIS = 15_000;

  /** How busy an operator says a relay is. */
  public enum Activity {
    NORMAL, HIGH;

    /** The JSON name ({@code normal}, {@code high}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code normal} or {@code high}; anything else is an {@link IllegalArgumentException}. */
    public static Activity parse(Object value) {
      if (value instanceof String s) {
        for (Activity a : values()) {
          if (a.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
            return a;
          }
        }
      }
      throw new IllegalArgumentException("activity must be \"high\" or \"normal\", got " + value);
    }
  }

  public RelayEntry {
    url = checkUrl(url);
    if (activity == null) {
      activity = Activity.NORMAL;
    }
  }

  /**
   * The reconnect backoff cap of a relay: {@code backoffMax} for a normal one; for a high one the smaller of
   * {@code backoffMax} and {@link #HIGH_BACKOFF_MAX_MILLIS}, never below {@code backoffMin}.
   */
  public static long backoffCapMillis(boolean high, long backoffMin, long backoffMax) {
    return high ? Math.max(backoffMin, Math.min(backoffMax, HIGH_BACKOFF_MAX_MILLIS)) : backoffMax;
  }

  public static RelayEntry normal(String url) {
    return new RelayEntry(url, Activity.NORMAL);
  }

  public boolean high() {
    return activity == Activity.HIGH;
  }

  public RelayEntry withActivity(Activity a) {
    return new RelayEntry(url, a);
  }

  /** A list element: a plain URL string (older relays.json) or {@code {"url", "activity"}}. */
  public static RelayEntry fromJson(Object o) {
    if (o instanceof String s) {
      return normal(s);
    }
    if (o instanceof JsonObject j) {
      Object activity = j.getValue("activity");
      return new RelayEntry(j.getValue("url") instanceof String s ? s : null,
          activity == null ? Activity.NORMAL : Activity.parse(activity));
    }
    throw new IllegalArgumentException("a relay must be a URL string or {\"url\": …, \"activity\": …}, got " + o);
  }

  public JsonObject toJson() {
    return new JsonObject().put("url", url).put("activity", activity.label());
  }

  /** The trimmed URL when it is a ws:// or wss:// URL with a host; otherwise an {@link IllegalArgumentException}. */
  public static String checkUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url required: a ws:// or wss:// relay URL");
    }
    String t = url.trim();
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + t);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
      throw new IllegalArgumentException("relay URL must start with ws:// or wss://: " + t);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("relay URL has no host: " + t);
    }
    return t;
  }
}
