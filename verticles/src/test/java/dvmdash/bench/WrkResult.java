package dvmdash.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One wrk run: latency percentiles in ms (NaN when absent), completed requests, and what went wrong. */
record WrkResult(double p50Ms, double p99Ms, long requests, long non2xx, long socketErrors, double rps,
                 String duration) {
  /** Why the row cannot be trusted, or null when it can. */
  String failure() {
    if (non2xx > 0) {
      return non2xx + " non-2xx";
    }
    if (socketErrors > 0) {
      return socketErrors + " socket errors/timeouts";
    }
    if (requests == 0 || Double.isNaN(p50Ms) || Double.isNaN(p99Ms)) {
      return "no request completed within " + duration;
    }
    return null;
  }

  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
  private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ");
  private static final Pattern NON_2XX = Pattern.compile("^\\s*Non-2xx or 3xx responses:\\s*(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s*([0-9.]+)");
  private static final Pattern RUN = Pattern.compile("^Running (\\S+) test @");

  /** Parses the output of {@code wrk --latency}. */
  static WrkResult parse(String text) {
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    long requests = 0;
    long non2xx = 0;
    long socket = 0;
    double rps = 0;
    String duration = "the run";
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = PERCENTILE.matcher(line)).find()) {
        double ms = toMs(Double.parseDouble(m.group(2)), m.group(3));
        if (m.group(1).equals("50")) {
          p50 = ms;
        } else {
          p99 = ms;
        }
      } else if ((m = REQUESTS.matcher(line)).find()) {
        requests = Long.parseLong(m.group(1));
      } else if ((m = NON_2XX.matcher(line)).find()) {
        non2xx = Long.parseLong(m.group(1));
      } else if ((m = SOCKET.matcher(line)).find()) {
        for (int g = 1; g <= 4; g++) {
          socket += Long.parseLong(m.group(g));
        }
      } else if ((m = RPS.matcher(line)).find()) {
        rps = Double.parseDouble(m.group(1));
      } else if ((m = RUN.matcher(line)).find()) {
        duration = m.group(1);
      }
    }
    return new WrkResult(p50, p99, requests, non2xx, socket, rps, duration);
  }

  static double toMs(double value, String unit) {
    return switch (unit) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      case "m" -> value * 60_000;
      case "h" -> value * 3_600_000;
      default -> throw new IllegalArgumentException("unknown wrk time unit " + unit);
    };
  }
}
