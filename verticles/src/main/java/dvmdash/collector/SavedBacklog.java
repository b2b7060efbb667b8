package dvmdash.collector;

import io.vertx.core.json.JsonObject;

/**
 * How far a relay's stored backlog had come before EOSE: every event of the subscription newer than {@code until}
 * (up to {@code newest}) is stored and committed; events with {@code since ≤ created_at ≤ until} may be missing (the
 * gap). After a restart the relay is asked for the gap alone ({@code since}/{@code until}) besides the usual
 * subscription from {@code newest − skew}, instead of the whole backlog again.
 */
public record SavedBacklog(long since, long until, long newest) {

  public SavedBacklog {
    if (until < since || newest < until) {
      throw new IllegalArgumentException("backlog progress must have since <= until <= newest: " + since + ", "
          + until + ", " + newest);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("since", since).put("until", until).put("newest", newest);
  }
}
