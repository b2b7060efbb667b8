package dvmdash.health;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A maintenance window of one DVM: {@code [start, end)} in unix seconds with a note. Pure; {@link #parse} validates an
 * admin's input and throws IllegalArgumentException with the reason.
 */
public record MaintenanceWindow(long id, String dvm, long start, long end, String note) {

  /** Longest window accepted. */
  public static final long MAX_SECONDS = 30 * 86_400L;
  public static final int MAX_NOTE = 500;

  /** True when {@code t} lies in the window. */
  public boolean covers(long t) {
    return t >= start && t < end;
  }

  public JsonObject toJson(long now) {
    return new JsonObject().put("id", id).put("start", start).put("end", end).put("note", note)
        .put("active", covers(now));
  }

  /**
   * A new window from {@code {start, end, note}} (times as unix seconds or ISO-8601 instants such as
   * {@code 2026-12-07T10:00:00Z}): it must end after it starts and after {@code now}, last at most 30 days and its
   * note be at most 500 characters.
   */
  public static MaintenanceWindow parse(String dvm, JsonObject body, long now) {
    long start = time(body.getValue("start"), "start");
    long end = time(body.getValue("end"), "end");
    Object n = body.getValue("note");
    if (n != null && !(n instanceof String)) {
      throw new IllegalArgumentException("note must be a string");
    }
    String note = n == null ? "" : ((String) n).strip();
    if (end <= start) {
      throw new IllegalArgumentException("end must be after start");
    }
    if (end <= now) {
      throw new IllegalArgumentException("the window has already ended");
    }
    if (end - start > MAX_SECONDS) {
      throw new IllegalArgumentException("a window lasts at most 30 days");
    }
    if (note.length() > MAX_NOTE) {
      throw new IllegalArgumentException("note is longer than " + MAX_NOTE + " characters");
    }
    return new MaintenanceWindow(0, dvm, start, end, note);
  }

  static long time(Object v, String name) {
    if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue()) && num.longValue() >= 0
        && num.longValue() < 100_000_000_000L) {
      return num.longValue();
    }
    if (v instanceof String s) {
      try {
        return Instant.parse(s.trim()).getEpochSecond();
      } catch (DateTimeParseException e) {
        // falls through to the error
      }
    }
    throw new IllegalArgumentException(name + " must be unix seconds or an ISO-8601 time like 2026-12-07T10:00:00Z");
  }
}
