package dvmdash.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * infrastructure/prometheus/dvm-health-rules.yml: every alert has an expression on documented DVMDash metrics, a
 * pending period, a severity and a runbook; {@code promtool check rules} accepts the file when promtool is installed
 * (Debian package {@code prometheus}).
 */
class HealthRulesFileTest {

  private static final Pattern METRIC = Pattern.compile("\\b(dvmdash_[a-z0-9_]+)");

  private static Path file() {
    return MetricCatalog.root().resolve("infrastructure/prometheus/dvm-health-rules.yml");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertIsComplete() throws Exception {
    Map<String, Object> doc = new Yaml().load(Files.readString(file()));
    Map<String, String> documented = MetricCatalog.documented();
    List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("groups");
    int alerts = 0;
    for (Map<String, Object> g : groups) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) g.get("rules")) {
        String name = (String) rule.get("alert");
        assertNotNull(name);
        alerts++;
        String expr = (String) rule.get("expr");
        Matcher m = METRIC.matcher(expr);
        assertTrue(m.find(), name + " uses a DVMDash metric");
        do {
          assertNotNull(documented.get(m.group(1)), m.group(1) + " documented in operations.md");
        } while (m.find());
        assertTrue(String.valueOf(rule.get("for")).matches("\\d+[smh]"), name + " has a pending period");
        Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
        assertTrue(Set.of("critical", "warning").contains(labels.get("severity")), name + " severity");
        Map<String, Object> ann = (Map<String, Object>) rule.get("annotations");
        assertFalse(String.valueOf(ann.get("runbook")).isBlank(), name + " runbook");
      }
    }
    assertEquals(5, alerts);
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    String promtool = null;
    // scripts/setup unpacks it into the repository's .tools/bin; else anywhere on the PATH
    String path = Path.of("..", ".tools", "bin").toAbsolutePath() + File.pathSeparator
        + System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "promtool"))) {
        promtool = Path.of(dir, "promtool").toString();
      }
    }
    Assumptions.assumeTrue(promtool != null,
        "promtool not installed (Debian package prometheus): skipping promtool check rules");
    Process p = new ProcessBuilder(promtool, "check", "rules", file().toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), out);
  }
}
