package dvmdash.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * The public status page of one DVM ({@code /status/{npub}}): a self-contained HTML document (no script, no outside
 * resources) from its health object; every text from the network is escaped. Pure.
 */
public final class StatusPage {

  private StatusPage() {
  }

  public static String render(JsonObject health, String npub) {
    String name = health.getString("name") != null ? health.getString("name") : npub;
    String state = health.getString("state", "silent");
    StringBuilder b = new StringBuilder(4_096);
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.escape(name)).append(" status</title><style>")
        .append("body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}")
        .append(".dot{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.4rem}")
        .append("table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #ddd}")
        .append("code{word-break:break-all}</style></head><body>")
        .append("<h1>").append(Html.escape(name)).append("</h1>")
        .append("<p><code>").append(Html.escape(npub)).append("</code></p>")
        .append("<p id=\"state\"><span class=\"dot\" style=\"background:").append(Badge.colour(state))
        .append("\"></span><strong>").append(Html.escape(state)).append("</strong>");
    if (health.getLong("since") != null) {
      b.append(" since ").append(time(health.getLong("since")));
    }
    if (health.getString("cause") != null) {
      b.append(" (").append(Html.escape(health.getString("cause"))).append(")");
    }
    b.append("</p><p>Last heartbeat: ").append(time(health.getLong("last_heartbeat_at"))).append("</p>");
    maintenance(b, health.getJsonArray("maintenance", new JsonArray()));
    JsonObject uptime = health.getJsonObject("uptime", new JsonObject());
    b.append("<h2>Uptime</h2><table><tr><th>24 h</th><th>7 days</th><th>30 days</th></tr><tr>");
    for (String w : new String[] {"24h", "7d", "30d"}) {
      Double f = uptime.getDouble(w);
      b.append("<td>").append(f == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", f * 100)).append("</td>");
    }
    b.append("</tr></table><h2>Outages (30 days)</h2>");
    JsonArray outages = health.getJsonArray("outages", new JsonArray());
    if (outages.isEmpty()) {
      b.append("<p>None.</p>");
    } else {
      b.append("<table><tr><th>Start</th><th>End</th><th>Cause</th></tr>");
      for (int i = 0; i < outages.size(); i++) {
        JsonObject o = outages.getJsonObject(i);
        b.append("<tr><td>").append(time(o.getLong("start"))).append("</td><td>")
            .append(o.getLong("end") == null ? "ongoing" : time(o.getLong("end"))).append("</td><td>")
            .append(Html.escape(o.getString("cause"))).append("</td></tr>");
      }
      b.append("</table>");
    }
    b.append("<p><small>Decided by DVMDash from heartbeats and results up to ")
        .append(time(health.getLong("evaluated_at")))
        .append(" (UTC); definitions in docs/metrics.md. Badges: <code>/badge/").append(Html.escape(npub))
        .append("/status.svg</code>, <code>/badge/").append(Html.escape(npub)).append("/uptime.svg</code>.</small></p>")
        .append("</body></html>");
    return b.toString();
  }

  /** The windows not yet ended: the active one stated up front, all of them in a table. */
  private static void maintenance(StringBuilder b, JsonArray windows) {
    if (windows.isEmpty()) {
      return;
    }
    for (int i = 0; i < windows.size(); i++) {
      JsonObject w = windows.getJsonObject(i);
      if (w.getBoolean("active", false)) {
        b.append("<p id=\"maintenance\"><strong>Under maintenance</strong> until ").append(time(w.getLong("end")));
        if (!w.getString("note", "").isEmpty()) {
          b.append(": ").append(Html.escape(w.getString("note")));
        }
        b.append("</p>");
        break;
      }
    }
    b.append("<h2>Maintenance</h2><table><tr><th>Start</th><th>End</th><th>Note</th></tr>");
    for (int i = 0; i < windows.size(); i++) {
      JsonObject w = windows.getJsonObject(i);
      b.append("<tr><td>").append(time(w.getLong("start"))).append("</td><td>").append(time(w.getLong("end")))
          .append("</td><td>").append(Html.escape(w.getString("note", ""))).append("</td></tr>");
    }
    b.append("</table>");
  }

  private static String time(Long t) {
    return t == null ? "never" : Instant.ofEpochSecond(t).toString().replace('T', ' ').replace("Z", " UTC");
  }
}
