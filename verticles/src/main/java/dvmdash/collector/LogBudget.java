package dvmdash.collector;

/**
 * How many log lines of one kind a relay may cause: at most {@code linesPerWindow} per window of
 * {@code windowMillis}; the rest are only counted, and the first line of the next window says how many were left out.
 * A relay that floods NOTICE or CLOSED frames thus costs a few lines a minute, not megabytes. Pure logic, the clock is
 * passed in; not thread-safe (one per connection, on its event loop).
 */
final class LogBudget {

  static final int MAX_LOGGED_CHARS = 300;

  /** Returned by {@link #take} when the line must not be written. */
  static final long SUPPRESS = -1;

  private final int linesPerWindow;
  private final long windowMillis;
  private long windowStart = Long.MIN_VALUE;
  private int written;
  private long suppressed;

  LogBudget(int linesPerWindow, long windowMillis) {
    if (linesPerWindow < 1 || windowMillis < 1) {
      throw new IllegalArgumentException("need at least one line per window of at least 1 ms");
    }
    this.linesPerWindow = linesPerWindow;
    this.windowMillis = windowMillis;
  }

  /**
   * {@link #SUPPRESS} when the budget of the current window is spent; otherwise the number of lines suppressed since
   * the last written one (0 usually), which the caller mentions in the line it writes.
   */
  long take(long nowMillis) {
    if (windowStart == Long.MIN_VALUE || nowMillis - windowStart >= windowMillis) {
      windowStart = nowMillis;
      written = 0;
    }
    if (written >= linesPerWindow) {
      suppressed++;
      return SUPPRESS;
    }
    written++;
    long before = suppressed;
    suppressed = 0;
    return before;
  }

  /** {@code s} cut to {@value #MAX_LOGGED_CHARS} characters for the log ("" for null). */
  static String shorten(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_LOGGED_CHARS ? s : s.substring(0, MAX_LOGGED_CHARS) + "…";
  }

  /** The note on a logged NOTICE/CLOSED line about the {@code left} lines suppressed before it ("" for none). */
  static String suppressedNote(long left) {
    return left == 0 ? "" : " (" + left + " NOTICE/CLOSED lines of this relay left out of the log before this one)";
  }
}
