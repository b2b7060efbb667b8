package dvmdash.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The requesters (job request authors) an answer of the job API shows: the {@code user} of each job-list row; of a
 * job document, its request's {@code user} and every graph actor of type {@code user}; of a page of raw events, their
 * authors (requesters and anyone else; the collectors skip the DVMs, whose profiles they follow anyway). Pure.
 */
public final class ShownRequesters {

  private static final Pattern PUBKEY = Pattern.compile("[0-9a-f]{64}");

  private ShownRequesters() {
  }

  /** The users of a {@code /api/jobs} answer, in row order. */
  public static Set<String> ofJobList(JsonObject answer) {
    Set<String> out = new LinkedHashSet<>();
    JsonArray jobs = answer == null ? null : answer.getJsonArray("jobs");
    if (jobs != null) {
      for (Object o : jobs) {
        if (o instanceof JsonObject j) {
          add(out, j.getValue("user"));
        }
      }
    }
    return out;
  }

  /** The requesters of a {@code /api/jobs/{id}} answer: the request's user, then the graph's user actors. */
  public static Set<String> ofJob(JsonObject answer) {
    Set<String> out = new LinkedHashSet<>();
    if (answer == null) {
      return out;
    }
    JsonObject request = answer.getJsonObject("request");
    if (request != null) {
      add(out, request.getValue("user"));
    }
    JsonArray nodes = answer.getJsonArray("nodes");
    if (nodes != null) {
      for (Object o : nodes) {
        if (o instanceof JsonObject n && GraphNode.USER.equals(n.getString("type"))) {
          add(out, n.getValue("id"));
        }
      }
    }
    return out;
  }

  /** The authors of a {@code /api/events} page ({@code events[].event.pubkey}), in row order. */
  public static Set<String> ofEventList(JsonObject answer) {
    Set<String> out = new LinkedHashSet<>();
    JsonArray events = answer == null ? null : answer.getJsonArray("events");
    if (events != null) {
      for (Object o : events) {
        if (o instanceof JsonObject entry) {
          out.addAll(ofEvent(entry));
        }
      }
    }
    return out;
  }

  /** The author of one {@code /api/events/{id}} answer or page entry ({@code event.pubkey}); empty when none. */
  public static Set<String> ofEvent(JsonObject entry) {
    Set<String> out = new LinkedHashSet<>();
    if (entry != null && entry.getValue("event") instanceof JsonObject e) {
      add(out, e.getValue("pubkey"));
    }
    return out;
  }

  private static void add(Set<String> out, Object value) {
    if (value instanceof String pk && PUBKEY.matcher(pk).matches()) {
      out.add(pk);
    }
  }
}
