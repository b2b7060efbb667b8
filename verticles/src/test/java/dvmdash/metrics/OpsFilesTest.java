package dvmdash.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator files of infrastructure/: the Prometheus scrape config matches the droplet plan, and the Grafana
 * dashboard is well-formed and only queries DVMDash metrics listed in docs/operations.md (Vert.x and JVM names are
 * checked against a live scrape in {@code MetricsIT}).
 */
public class OpsFilesTest {

  private static final Pattern METRIC = Pattern.compile("\\b((?:dvmdash|vertx|jvm|process)_[a-zA-Z0-9_]+)");

  /** Every PromQL expression of the dashboard. */
  public static List<String> dashboardExpressions() throws Exception {
    List<String> out = new ArrayList<>();
    for (Object p : dashboard().getJsonArray("panels")) {
      JsonArray targets = ((JsonObject) p).getJsonArray("targets", new JsonArray());
      for (Object t : targets) {
        out.add(((JsonObject) t).getString("expr"));
      }
    }
    return out;
  }

  /** The metric names (dvmdash_, vertx_, jvm_, process_) the dashboard queries. */
  public static Set<String> dashboardMetrics() throws Exception {
    Set<String> out = new TreeSet<>();
    for (String expr : dashboardExpressions()) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  static JsonObject dashboard() throws Exception {
    return new JsonObject(Files.readString(MetricCatalog.root().resolve("infrastructure/grafana/dvmdash-dashboard.json")));
  }

  @Test
  void dashboardIsAGrafanaDashboardWithAPrometheusDatasourceVariable() throws Exception {
    JsonObject d = dashboard();
    assertTrue(d.getInteger("schemaVersion") >= 36, "schemaVersion");
    assertFalse(d.getString("title", "").isBlank());
    JsonArray vars = d.getJsonObject("templating").getJsonArray("list");
    boolean datasourceVar = false;
    for (Object v : vars) {
      JsonObject var = (JsonObject) v;
      datasourceVar |= "datasource".equals(var.getString("type")) && "prometheus".equals(var.getString("query"));
    }
    assertTrue(datasourceVar, "a datasource variable of type prometheus");
    Set<Integer> ids = new HashSet<>();
    int queried = 0;
    for (Object o : d.getJsonArray("panels")) {
      JsonObject p = (JsonObject) o;
      assertTrue(ids.add(p.getInteger("id")), "panel ids unique: " + p.getInteger("id"));
      JsonObject grid = p.getJsonObject("gridPos");
      assertNotNull(grid, p.getString("title"));
      assertTrue(grid.getInteger("x") + grid.getInteger("w") <= 24, "panel inside the 24-column grid");
      if ("row".equals(p.getString("type"))) {
        continue;
      }
      assertEquals("${datasource}", p.getJsonObject("datasource").getString("uid"), p.getString("title"));
      JsonArray targets = p.getJsonArray("targets");
      assertFalse(targets.isEmpty(), p.getString("title") + " has queries");
      for (Object t : targets) {
        String expr = ((JsonObject) t).getString("expr");
        assertBalanced(expr);
        queried++;
      }
    }
    assertTrue(queried >= 30, "queries: " + queried);
  }

  @Test
  void everyDvmdashMetricTheDashboardQueriesIsDocumented() throws Exception {
    Map<String, String> documented = MetricCatalog.documented();
    assertTrue(documented.size() >= 39, "documented metrics: " + documented.size());
    Set<String> used = new TreeSet<>();
    for (String name : dashboardMetrics()) {
      if (name.startsWith("dvmdash_")) {
        String doc = MetricCatalog.documentedName(documented, name);
        assertNotNull(doc, name + " is queried by the dashboard but not in docs/operations.md");
        used.add(doc);
      }
    }
    // the dashboard shows what the issue asks for
    for (String must : List.of("dvmdash_relay_events_total", "dvmdash_relay_invalid_total",
        "dvmdash_relay_duplicates_total", "dvmdash_ingest_in_flight_events", "dvmdash_stream_lag_entries",
        "dvmdash_batch_events", "dvmdash_batch_duration_seconds", "dvmdash_rollup_commit_seconds",
        "dvmdash_pg_write_seconds", "dvmdash_mongo_write_seconds", "dvmdash_lease_losses_total",
        "dvmdash_sse_clients", "dvmdash_relay_connected", "dvmdash_build_info")) {
      assertTrue(used.contains(must), "dashboard shows " + must);
    }
  }

  @Test
  void prometheusScrapesEveryDroplet() throws Exception {
    Path root = MetricCatalog.root();
    Map<String, Object> yaml = new Yaml().load(Files.readString(root.resolve("infrastructure/prometheus/prometheus.yml")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) yaml.get("scrape_configs");
    Map<String, Set<String>> targetsByRole = new HashMap<>();
    for (Map<String, Object> job : jobs) {
      String name = (String) job.get("job_name");
      if (!name.startsWith("dvmdash-")) {
        continue;
      }
      assertEquals("/metrics", job.getOrDefault("metrics_path", "/metrics"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> statics = (List<Map<String, Object>>) job.get("static_configs");
      for (Map<String, Object> s : statics) {
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) s.get("labels");
        assertEquals(name.substring("dvmdash-".length()), labels.get("role"), name);
        @SuppressWarnings("unchecked")
        List<String> targets = (List<String>) s.get("targets");
        for (String t : targets) {
          assertTrue(t.matches("\\d+\\.\\d+\\.\\d+\\.\\d+:8080"), t);
          targetsByRole.computeIfAbsent(labels.get("role"), k -> new TreeSet<>()).add(t.split(":")[0]);
        }
      }
    }
    Map<String, Set<String>> planned = new HashMap<>();
    for (String line : Files.readAllLines(root.resolve("infrastructure/droplets.example"))) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      String host = parts[0].substring(parts[0].indexOf('@') + 1);
      for (int i = 1; i < parts.length; i++) {
        if (!parts[i].equals("queue")) {
          planned.computeIfAbsent(parts[i], k -> new TreeSet<>()).add(host);
        }
      }
    }
    assertEquals(planned, targetsByRole, "one scrape target per DVMDash droplet of droplets.example, by role");
  }

  private static void assertBalanced(String expr) {
    int paren = 0;
    int brace = 0;
    int bracket = 0;
    for (char c : expr.toCharArray()) {
      paren += c == '(' ? 1 : c == ')' ? -1 : 0;
      brace += c == '{' ? 1 : c == '}' ? -1 : 0;
      bracket += c == '[' ? 1 : c == ']' ? -1 : 0;
      assertTrue(paren >= 0 && brace >= 0 && bracket >= 0, expr);
    }
    assertEquals(0, paren + brace + bracket, "balanced: " + expr);
  }
}
