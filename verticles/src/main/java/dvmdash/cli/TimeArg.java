package dvmdash.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Command-line times: unix seconds ({@code 1735689600}), an ISO instant ({@code 2025-01-01T00:00:00Z}) or a date
 * ({@code 2025-01-01}, meaning 00:00 UTC). */
public final class TimeArg {

  private TimeArg() {
  }

  /** Unix seconds; IllegalArgumentException with a clear message for anything else. */
  public static long parse(String option, String value) {
    String v = value == null ? "" : value.trim();
    if (v.matches("-?\\d{1,12}")) {
      return Long.parseLong(v);
    }
    try {
      return Instant.parse(v).getEpochSecond();
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be unix seconds, an ISO instant (2025-01-01T00:00:00Z) or a"
          + " date (2025-01-01), got '" + value + "'");
    }
  }
}
