package dvmdash.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoints {@code scripts/bench-api} measures: every GET endpoint of docs/api-spec.md with realistic parameters,
 * the ids, pubkeys and kinds picked from the running server's own answers, by a label that is the same at both sizes.
 */
final class BenchTargets {

  private BenchTargets() {
  }

  /** Label (the endpoint with placeholders, the same at both sizes) → concrete path. */
  static Map<String, String> of(String base) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    JsonObject firstDvm = first(get(http, base, "/api/dvms?range=all&limit=1"), "dvms");
    String dvm = firstDvm.getString("pubkey");
    int kind = first(get(http, base, "/api/kinds?range=all"), "kinds").getInteger("kind");
    JsonObject job = null;
    for (Object o : get(http, base, "/api/jobs?limit=500").getJsonArray("jobs")) {
      JsonObject j = (JsonObject) o;   // the newest job with a result, preferably with feedback too
      boolean result = j.getInteger("results", 0) > 0;
      if (result && j.getInteger("feedback", 0) > 0) {
        job = j;
        break;
      }
      if (job == null && result) {
        job = j;
      }
    }
    if (job == null) {
      throw new IllegalStateException("no job with a result among the latest 500: is the data imported?");
    }
    String jobId = job.getString("id");
    String user = job.getString("user");
    String event = first(get(http, base, "/api/events?ref=" + jobId), "events").getJsonObject("event")
        .getString("id");
    long now = get(http, base, "/api/stats/global?range=24h").getLong("now");
    long twentyDaysAgo = now - 20 * 86_400L;

    Map<String, String> t = new LinkedHashMap<>();
    t.put("/api/stats/global?range=all", "/api/stats/global?range=all");
    t.put("/api/stats/global?range=30d", "/api/stats/global?range=30d");
    t.put("/api/stats/global?range=24h", "/api/stats/global?range=24h");
    t.put("/api/stats/timeseries?range=30d", "/api/stats/timeseries?range=30d");
    t.put("/api/stats/timeseries?range=24h", "/api/stats/timeseries?range=24h");
    t.put("/api/stats/timeseries?range=30d&kind={kind}", "/api/stats/timeseries?range=30d&kind=" + kind);
    t.put("/api/stats/timeseries?range=30d&dvm={pubkey}", "/api/stats/timeseries?range=30d&dvm=" + dvm);
    t.put("/api/dvms?range=all", "/api/dvms?range=all");
    t.put("/api/dvms?range=24h&sort=sats_earned", "/api/dvms?range=24h&sort=sats_earned");
    t.put("/api/dvms?range=30d", "/api/dvms?range=30d");
    t.put("/api/dvms/{pubkey}?range=all", "/api/dvms/" + dvm + "?range=all");
    t.put("/api/dvms/{pubkey}?range=30d", "/api/dvms/" + dvm + "?range=30d");
    t.put("/api/kinds?range=all", "/api/kinds?range=all");
    t.put("/api/kinds?range=30d", "/api/kinds?range=30d");
    t.put("/api/kinds/{kind}?range=all", "/api/kinds/" + kind + "?range=all");
    t.put("/api/kinds/{kind}?range=30d", "/api/kinds/" + kind + "?range=30d");
    t.put("/api/dvms/{pubkey}/health", "/api/dvms/" + dvm + "/health");
    t.put("/api/health", "/api/health");
    t.put("/api/jobs", "/api/jobs");
    t.put("/api/jobs?kind={kind}", "/api/jobs?kind=" + kind);
    t.put("/api/jobs?dvm={pubkey}", "/api/jobs?dvm=" + dvm);
    t.put("/api/jobs?user={user}", "/api/jobs?user=" + user);
    // the same user's newest 5: a page of the same size at both history lengths (the default page of 50 holds all
    // of this user's jobs at N/10 and a full page at N, so its time also grows with the size of the answer)
    t.put("/api/jobs?user={user}&limit=5", "/api/jobs?limit=5&user=" + user);
    t.put("/api/jobs?status=waiting", "/api/jobs?status=waiting");
    t.put("/api/jobs?status=error", "/api/jobs?status=error");
    t.put("/api/jobs?until={20 days ago}", "/api/jobs?until=" + twentyDaysAgo);
    t.put("/api/jobs/{id}", "/api/jobs/" + jobId);
    t.put("/api/events?kind=7000&limit=1", "/api/events?kind=7000&limit=1");
    t.put("/api/events?kind={kind}", "/api/events?kind=" + kind);
    t.put("/api/events?ref={job id}", "/api/events?ref=" + jobId);
    t.put("/api/events?author={pubkey}", "/api/events?author=" + dvm);
    t.put("/api/events/{id}", "/api/events/" + event);
    t.put("/api/relays", "/api/relays");
    t.put("/health", "/health");
    t.put("/ready", "/ready");
    t.put("/metrics", "/metrics");
    for (String path : t.values()) {
      HttpResponse<String> r = send(http, base, path);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
      }
    }
    return t;
  }

  /** Whether the endpoint's answers are shared between requests of the same minute (AnswerCache). */
  static boolean shared(String label) {
    return (label.matches("/api/(stats|dvms|kinds).*") && !label.endsWith("/health")) || label.startsWith("/api/jobs");
  }

  private static JsonObject first(JsonObject answer, String field) {
    JsonArray list = answer.getJsonArray(field);
    if (list == null || list.isEmpty()) {
      throw new IllegalStateException("empty \"" + field + "\" in " + answer.encode());
    }
    return list.getJsonObject(0);
  }

  private static JsonObject get(HttpClient http, String base, String path) throws Exception {
    HttpResponse<String> r = send(http, base, path);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> send(HttpClient http, String base, String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }
}
