package dvmdash.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: {@code # HELP} / {@code # TYPE}
 * lines, then samples {@code name{label="value",...} value [timestamp]}. It rejects what Prometheus would reject
 * (bad names, bad label syntax or escapes, unparsable values, a sample outside its TYPE'd family, a family typed
 * twice) with the line number.
 */
public final class PrometheusText {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped", "info",
      "stateset", "gaugehistogram", "unknown");
  private static final Map<String, List<String>> SUFFIXES = Map.of(
      "counter", List.of("_total", "_created", ""),
      "histogram", List.of("_bucket", "_count", "_sum", "_created"),
      "summary", List.of("_count", "_sum", "_created", ""),
      "gauge", List.of(""),
      "untyped", List.of(""),
      "unknown", List.of(""),
      "info", List.of("_info", ""));

  /** One sample. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  /** family name → type. */
  public final Map<String, String> types = new LinkedHashMap<>();
  public final List<Sample> samples = new ArrayList<>();

  private PrometheusText() {
  }

  public static PrometheusText parse(String text) {
    PrometheusText p = new PrometheusText();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        p.comment(line, n);
      } else {
        p.sample(line, n);
      }
    }
    return p;
  }

  private void comment(String line, int n) {
    String[] parts = line.split(" ", 4);
    if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
      require(NAME.matcher(parts[2]).matches(), n, "bad metric name in " + line);
      if (parts[1].equals("TYPE")) {
        require(parts.length == 4 && TYPES.contains(parts[3]), n, "bad type in " + line);
        require(!types.containsKey(parts[2]), n, "family typed twice: " + parts[2]);
        types.put(parts[2], parts[3]);
      }
    }
  }

  private void sample(String line, int n) {
    Matcher m = NAME.matcher(line);
    require(m.lookingAt(), n, "sample without a valid name: " + line);
    String name = m.group();
    int pos = m.end();
    Map<String, String> labels = new TreeMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos = labels(line, pos + 1, labels, n);
    }
    require(pos < line.length() && line.charAt(pos) == ' ', n, "no value: " + line);
    String[] rest = line.substring(pos + 1).trim().split(" ");
    require(rest.length == 1 || rest.length == 2, n, "bad value part: " + line);
    double value = value(rest[0], n);
    if (rest.length == 2) {
      try {
        Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw new AssertionError("line " + n + ": bad timestamp: " + line);
      }
    }
    require(family(name) != null, n, "sample " + name + " belongs to no # TYPE'd family");
    samples.add(new Sample(name, labels, value));
  }

  private int labels(String line, int pos, Map<String, String> out, int n) {
    while (true) {
      require(pos < line.length(), n, "unterminated labels");
      if (line.charAt(pos) == '}') {
        return pos + 1;
      }
      Matcher lm = LABEL_NAME.matcher(line).region(pos, line.length());
      require(lm.lookingAt(), n, "bad label name at " + pos + ": " + line);
      String key = lm.group();
      pos = lm.end();
      require(line.startsWith("=\"", pos), n, "label " + key + " without =\"");
      pos += 2;
      StringBuilder v = new StringBuilder();
      while (true) {
        require(pos < line.length(), n, "unterminated label value");
        char c = line.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          require(pos < line.length(), n, "dangling escape");
          char e = line.charAt(pos++);
          require(e == '\\' || e == '"' || e == 'n', n, "bad escape \\" + e);
          v.append(e == 'n' ? '\n' : e);
        } else {
          v.append(c);
        }
      }
      require(out.put(key, v.toString()) == null, n, "label " + key + " twice");
      if (line.charAt(pos) == ',') {
        pos++;
      }
    }
  }

  private static double value(String s, int n) {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new AssertionError("line " + n + ": bad value " + s);
        }
    }
  }

  /** The TYPE'd family a sample name belongs to, or null. */
  public String family(String sampleName) {
    for (Map.Entry<String, String> t : types.entrySet()) {
      for (String suffix : SUFFIXES.getOrDefault(t.getValue(), List.of(""))) {
        if (sampleName.equals(t.getKey() + suffix)) {
          return t.getKey();
        }
      }
    }
    return null;
  }

  /** The value of the sample with this name and exactly these labels (others allowed when {@code subset}). */
  public double value(String name, Map<String, String> labels) {
    Double found = null;
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().equals(new TreeMap<>(labels))) {
        if (found != null) {
          throw new AssertionError("two samples " + name + labels);
        }
        found = s.value();
      }
    }
    if (found == null) {
      throw new AssertionError("no sample " + name + labels);
    }
    return found;
  }

  /** Sum of the samples named {@code name} whose labels include {@code labels}. */
  public double sum(String name, Map<String, String> labels) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
        total += s.value();
      }
    }
    return total;
  }

  /** Every sample name and family name present. */
  public Set<String> names() {
    Set<String> out = new java.util.TreeSet<>(types.keySet());
    samples.forEach(s -> out.add(s.name()));
    return out;
  }

  private static void require(boolean ok, int line, String message) {
    if (!ok) {
      throw new AssertionError("line " + line + ": " + message);
    }
  }

  public static Map<String, String> labels(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
