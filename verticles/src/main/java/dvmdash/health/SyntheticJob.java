package dvmdash.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured synthetic job ({@code health.synthetic_jobs}): a small job request of {@code kind} with one input,
 * sent to a watched DVM that announces the kind and timed to its result. Pure; {@link #fromJson} validates.
 */
public record SyntheticJob(String dvm, int kind, String input, String inputType) {

  public static final int MAX_JOBS = 100;
  public static final int MAX_INPUT = 1_000;

  /** The key the schedule knows the job by. */
  public String key() {
    return dvm + ":" + kind;
  }

  /** {@code health.synthetic_jobs}: [{dvm, kind, input, input_type}]; throws IllegalArgumentException naming the entry. */
  public static List<SyntheticJob> fromJson(JsonObject root) {
    JsonArray list = root.getJsonObject("health", new JsonObject()).getJsonArray("synthetic_jobs", new JsonArray());
    if (list.size() > MAX_JOBS) {
      throw new IllegalArgumentException("health.synthetic_jobs: at most " + MAX_JOBS + " jobs");
    }
    List<SyntheticJob> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "health.synthetic_jobs[" + i + "]: ";
      if (!(list.getValue(i) instanceof JsonObject j)) {
        throw new IllegalArgumentException(where + "must be an object {dvm, kind, input, input_type}");
      }
      String dvm;
      try {
        dvm = WatchList.pubkey(String.valueOf(j.getValue("dvm")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage());
      }
      if (!(j.getValue("kind") instanceof Integer kind) || kind < 5000 || kind > 5999) {
        throw new IllegalArgumentException(where + "kind must be a job request kind (5000-5999)");
      }
      if (!(j.getValue("input") instanceof String input) || input.isEmpty() || input.length() > MAX_INPUT) {
        throw new IllegalArgumentException(where + "input must be a string of 1 to " + MAX_INPUT + " characters");
      }
      Object type = j.getValue("input_type", "text");
      if (!(type instanceof String t) || !List.of("text", "url", "event", "job").contains(t)) {
        throw new IllegalArgumentException(where + "input_type must be text, url, event or job");
      }
      SyntheticJob job = new SyntheticJob(dvm, kind, input, (String) type);
      if (out.stream().anyMatch(o -> o.key().equals(job.key()))) {
        throw new IllegalArgumentException(where + "a second job of kind " + kind + " for the same DVM");
      }
      out.add(job);
    }
    return out;
  }
}
