package dvmdash.health;

import java.util.Locale;

/** A DVM's health state (docs/metrics.md, "DVM health"). */
public enum HealthState {
  /** A fresh heartbeat or a result in the evidence window, errors below the threshold. */
  UP,
  /** Answers, but its error feedback in the evidence window reaches the threshold. */
  DEGRADED,
  /** Its heartbeats had been seen and have lapsed, and no result came in the evidence window. */
  DOWN,
  /** No evidence either way. */
  SILENT;

  /** The lowercase name used in the API, the database and the stream. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wire()}; null for null. */
  public static HealthState of(String wire) {
    return wire == null ? null : valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** Up or degraded: counted as available by uptime. */
  public boolean available() {
    return this == UP || this == DEGRADED;
  }
}
