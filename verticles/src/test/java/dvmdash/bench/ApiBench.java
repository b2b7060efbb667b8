package dvmdash.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * Helper of {@code scripts/bench-api} (the script runs the stores, the server and wrk; this class only talks to the
 * API and reads wrk's output).
 *
 * <pre>
 *   ApiBench targets --base http://127.0.0.1:P
 *       prints the endpoints to measure, one "label TAB path" a line: every GET endpoint of docs/api-spec.md with
 *       realistic parameters; ids, pubkeys and kinds are picked from the running server's own answers
 *   ApiBench report --small DIR --big DIR [--out FILE.md]
 *       reads each size's targets.tsv, meta.properties and wrk/NN-cC.txt, prints the comparison table and writes
 *       it as Markdown; exit 1 when a row failed (non-2xx answers, socket errors or timeouts, no request done)
 * </pre>
 */
public final class ApiBench {

  /** Targets of the benchmark: p99 at N at most this, and at most {@link #MAX_GROWTH} times its value at N/10. */
  static final double P99_TARGET_MS = 50;
  static final double MAX_GROWTH = 2;
  static final double DISK_TARGET_BYTES_PER_EVENT = 2000;

  private ApiBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    Map<String, String> opts = options(args);
    switch (args[0]) {
      case "targets" -> BenchTargets.of(require(opts, "--base")).forEach((label, path) -> {
        System.out.println(label + "\t" + path);
        if (BenchTargets.shared(label)) {
          // the same answer computed for each request (docs/api-spec.md, "Shared answers")
          System.out.println(label + " computed\t" + path + "\tCache-Control: no-cache");
        }
      });
      case "report" -> System.exit(report(Path.of(require(opts, "--small")), Path.of(require(opts, "--big")),
          opts.containsKey("--out") ? Path.of(opts.get("--out")) : null));
      default -> usage();
    }
  }

  // ---------------------------------------------------------------------------------------------- report

  /** One measured size: its events, import time, disk bytes and wrk results by label and client count. */
  record Size(long events, double importSeconds, long diskBytes, long rawBytes, long pgBytes, List<String> labels,
              Map<String, WrkResult> results, List<Integer> clients) {

    static Size load(Path dir) throws IOException {
      Properties meta = new Properties();
      try (Reader r = Files.newBufferedReader(dir.resolve("meta.properties"))) {
        meta.load(r);
      }
      List<String> labels = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("targets.tsv"))) {
        if (!line.isBlank()) {
          labels.add(line.split("\t", 2)[0]);
        }
      }
      List<Integer> clients = new ArrayList<>();
      for (String c : meta.getProperty("clients", "4 16").trim().split("\\s+")) {
        clients.add(Integer.parseInt(c));
      }
      Map<String, WrkResult> results = new LinkedHashMap<>();
      for (int i = 0; i < labels.size(); i++) {
        for (int c : clients) {
          Path f = dir.resolve("wrk").resolve(String.format(Locale.ROOT, "%02d-c%d.txt", i, c));
          String text = Files.exists(f) ? Files.readString(f) : "";
          results.put(labels.get(i) + "|" + c, WrkResult.parse(text));
        }
      }
      return new Size(Long.parseLong(meta.getProperty("events")),
          Double.parseDouble(meta.getProperty("import_seconds")), Long.parseLong(meta.getProperty("disk_bytes")),
          Long.parseLong(meta.getProperty("disk_raw_bytes", "0")),
          Long.parseLong(meta.getProperty("disk_pg_bytes", "0")), labels, results, clients);
    }

    double bytesPerEvent() {
      return (double) diskBytes / events;
    }
  }

  /** Prints the table (plain text) and writes it as Markdown; returns 1 when a row failed. */
  static int report(Path smallDir, Path bigDir, Path out) throws IOException {
    Size small = Size.load(smallDir);
    Size big = Size.load(bigDir);
    String s = String.format(Locale.ROOT, "%,d", small.events());
    String b = String.format(Locale.ROOT, "%,d", big.events());
    List<String> header = List.of("endpoint", "clients", "p50 @" + s, "p99 @" + s, "p50 @" + b, "p99 @" + b,
        "p99 ratio", "target met");
    List<List<String>> rows = new ArrayList<>();
    int failed = 0;
    int missed = 0;
    for (String label : big.labels()) {
      for (int c : big.clients()) {
        WrkResult lo = small.results().get(label + "|" + c);
        WrkResult hi = big.results().get(label + "|" + c);
        String verdict;
        String why = firstFailure(lo, hi);
        double ratio = lo == null || why != null ? Double.NaN : hi.p99Ms() / lo.p99Ms();
        if (why != null) {
          verdict = "FAILED: " + why;
          failed++;
        } else {
          List<String> misses = new ArrayList<>();
          if (hi.p99Ms() > P99_TARGET_MS) {
            misses.add("p99 > " + (int) P99_TARGET_MS + " ms");
          }
          if (ratio > MAX_GROWTH) {
            misses.add("ratio > " + (int) MAX_GROWTH);
          }
          verdict = misses.isEmpty() ? "yes" : "no (" + String.join(", ", misses) + ")";
          missed += misses.isEmpty() ? 0 : 1;
        }
        rows.add(List.of(label, Integer.toString(c), ms(lo, WrkResult::p50Ms), ms(lo, WrkResult::p99Ms),
            ms(hi, WrkResult::p50Ms), ms(hi, WrkResult::p99Ms),
            Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio), verdict));
      }
    }
    List<String> summary = summary(small, big, rows.size(), missed, failed);

    StringBuilder text = new StringBuilder();
    int[] width = new int[header.size()];
    for (List<String> row : concat(header, rows)) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : concat(header, rows)) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        if (i == row.size() - 1) {
          text.append(cell).append('\n');
        } else {
          text.append(i >= 1 ? pad + cell : cell + pad).append("  ");
        }
      }
      if (row == header) {
        for (int i = 0; i < width.length; i++) {
          text.append("-".repeat(width[i])).append(i < width.length - 1 ? "  " : "\n");
        }
      }
    }
    text.append('\n');
    summary.forEach(line -> text.append(line).append('\n'));
    System.out.print(text);

    if (out != null) {
      StringBuilder md = new StringBuilder();
      md.append("| ").append(String.join(" | ", header)).append(" |\n|");
      for (int i = 0; i < header.size(); i++) {
        md.append(i >= 1 && i <= 6 ? "---:|" : "---|");
      }
      md.append('\n');
      for (List<String> row : rows) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          cells.add(i == 0 ? "`" + row.get(i) + "`" : row.get(i).replace("|", "\\|"));
        }
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
      }
      md.append('\n');
      summary.forEach(line -> md.append("- ").append(line).append('\n'));
      Files.writeString(out, md);
      System.out.println("Markdown: " + out);
    }
    if (failed > 0) {
      System.out.println("bench-api: " + failed + " row(s) FAILED (non-2xx answers, socket errors or timeouts, or no"
          + " request completed): their figures are not valid");
      return 1;
    }
    return 0;
  }

  private static String firstFailure(WrkResult lo, WrkResult hi) {
    if (lo == null) {
      return "not measured at the smaller size";
    }
    String a = lo.failure();
    String b = hi.failure();
    if (a != null) {
      return a + " at the smaller size";
    }
    return b;
  }

  private static List<String> summary(Size small, Size big, int rows, int missed, int failed) {
    List<String> out = new ArrayList<>();
    for (Size z : List.of(small, big)) {
      out.add(String.format(Locale.ROOT, "%,d events: import %.1f s (%,.0f events/s); disk %,d bytes = %,.0f bytes"
          + " per event (tables and indexes of raw events and rollups %,.0f, write-ahead log %,.0f per event)",
          z.events(),
          z.importSeconds(), z.events() / z.importSeconds(), z.diskBytes(), z.bytesPerEvent(),
          (double) z.rawBytes() / z.events(), (double) z.pgBytes() / z.events()));
    }
    if (big.events() > small.events()) {
      out.add(String.format(Locale.ROOT, "disk growth from %,d to %,d events: %,.0f bytes per added event",
          small.events(), big.events(),
          (double) (big.diskBytes() - small.diskBytes()) / (big.events() - small.events())));
    }
    out.add(String.format(Locale.ROOT, "disk target (≤ %,.0f bytes per event at %,d): %s",
        DISK_TARGET_BYTES_PER_EVENT, big.events(), big.bytesPerEvent() <= DISK_TARGET_BYTES_PER_EVENT ? "met"
            : "not met"));
    out.add(String.format(Locale.ROOT, "latency targets (p99 ≤ %.0f ms at %,d and p99 ratio ≤ %.0f): %d of %d rows"
        + " met, %d missed, %d failed", P99_TARGET_MS, big.events(), MAX_GROWTH, rows - missed - failed, rows,
        missed, failed));
    return out;
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  /**
   * A percentile of a run; when the run completed no request, more than its length; a dash when wrk recorded no
   * latency (it then prints zeros: every completed request was over {@code --timeout}, counted as a timeout).
   */
  private static String ms(WrkResult r, ToDoubleFunction<WrkResult> percentile) {
    if (r == null) {
      return "–";
    }
    if (r.requests() == 0) {
      return "> " + r.duration();
    }
    return r.p99Ms() > 0 ? ms(percentile.applyAsDouble(r)) : "–";
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f ms" : v < 1000 ? "%.1f ms" : "%,.0f ms", v);
  }

  // ---------------------------------------------------------------------------------------------- options

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage();
      }
      out.put(args[i], args[i + 1]);
    }
    return out;
  }

  private static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      usage();
    }
    return v;
  }

  private static void usage() {
    System.err.println("usage: ApiBench targets --base URL | report --small DIR --big DIR [--out FILE.md]");
    System.exit(2);
  }
}
