package dvmdash.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DVMDash's metric list as documented in docs/operations.md (table rows {@code | `name` | type | labels | meaning |}):
 * the one place the names are kept. Tests check the running nodes' {@code /metrics} and the Grafana dashboard
 * against it.
 */
public final class MetricCatalog {

  private static final Pattern ROW = Pattern.compile("^\\| `(dvmdash_[a-z0-9_]+)` \\| ([a-z]+) \\|");
  /** Sample suffixes Micrometer's Prometheus output adds to a documented name. */
  private static final String[] SUFFIXES = {"_bucket", "_count", "_sum", "_max", "_created"};

  private MetricCatalog() {
  }

  /** The repository root (tests run in verticles/). */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
  }

  /** Documented name → type (counter, gauge, timer, summary). */
  public static Map<String, String> documented() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(root().resolve("docs/operations.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  /** The documented metric a sample or expression name refers to, or null. */
  public static String documentedName(Map<String, String> documented, String name) {
    if (documented.containsKey(name)) {
      return name;
    }
    if (documented.containsKey(name + "_total")) {
      return name + "_total";
    }
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix) && documented.containsKey(name.substring(0, name.length() - suffix.length()))) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return null;
  }
}
