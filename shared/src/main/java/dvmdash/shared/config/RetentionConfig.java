package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * Retention settings (config object {@code retention}, see docs/maintenance.md). Retention runs on processor nodes
 * only when the object is present and {@code enabled} is not false.
 *
 * @param enabled         the {@code retention} object is present and not disabled
 * @param rawDays         raw MongoDB events older than this many days are deleted; 0 keeps them forever (default)
 * @param minuteDays      per-minute and per-hour rollup rows older than this many days (rounded down to a UTC day) are
 *                        deleted (the day rows and totals hold the same sums); 0 keeps them forever; otherwise at least
 *                        {@value #MIN_MINUTE_DAYS}, because the 30d window starts on a minute (default 45)
 * @param intervalMinutes minutes between scheduled runs (default 60)
 */
public record RetentionConfig(boolean enabled, int rawDays, int minuteDays, long intervalMinutes) {

  public static final String KEY = "retention";
  public static final int MIN_MINUTE_DAYS = 31;

  public RetentionConfig {
    if (rawDays < 0) {
      throw new IllegalArgumentException("retention.raw_days must be 0 (keep forever) or positive, got " + rawDays);
    }
    if (minuteDays != 0 && minuteDays < MIN_MINUTE_DAYS) {
      throw new IllegalArgumentException("retention.minute_days must be 0 (keep forever) or at least "
          + MIN_MINUTE_DAYS + " (the 30d window needs per-minute rows), got " + minuteDays);
    }
    if (intervalMinutes < 1) {
      throw new IllegalArgumentException("retention.interval_minutes must be at least 1, got " + intervalMinutes);
    }
  }

  /** Reads {@code retention} from the root config; defaults when absent (then {@link #enabled()} is false). */
  public static RetentionConfig fromJson(JsonObject root) {
    Object raw = root.getValue(KEY);
    if (raw != null && !(raw instanceof JsonObject)) {
      throw new IllegalArgumentException("retention must be an object");
    }
    JsonObject j = raw == null ? new JsonObject() : (JsonObject) raw;
    try {
      return new RetentionConfig(raw != null && j.getBoolean("enabled", true), j.getInteger("raw_days", 0),
          j.getInteger("minute_days", 45), j.getLong("interval_minutes", 60L));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("retention.raw_days, minute_days and interval_minutes must be integers"
          + " and enabled a boolean");
    }
  }
}
