package dvmdash.health;

import io.vertx.core.json.JsonObject;

/**
 * The parameters of the health decision (config section {@code health}; docs/metrics.md).
 *
 * @param stepSeconds          evaluation grid: states are decided at multiples of this (60)
 * @param heartbeatTtlSeconds  a heartbeat is fresh while at most this old (900 = three missed 300 s beats)
 * @param windowSeconds        results and errors count while at most this old (900)
 * @param pendingSeconds       a new raw state must hold this long before the state changes (300, like {@code for})
 * @param minHoldSeconds       no change within this time after the previous one (600, like {@code keep_firing_for})
 * @param degradedMinErrors    degraded needs at least this many errors in the window (3) ...
 * @param settleSeconds        the evaluator decides up to now minus this, so that late events have arrived (120)
 * @param evaluateSeconds      how often the evaluator runs (30)
 */
public record HealthRules(long stepSeconds, long heartbeatTtlSeconds, long windowSeconds, long pendingSeconds,
                          long minHoldSeconds, int degradedMinErrors, long settleSeconds, long evaluateSeconds) {

  public static final HealthRules DEFAULTS = new HealthRules(60, 900, 900, 300, 600, 3, 120, 30);

  public HealthRules {
    if (stepSeconds != 60) {
      throw new IllegalArgumentException("health.step_seconds must be 60 (evidence is kept per minute)");
    }
    if (heartbeatTtlSeconds < 60 || windowSeconds < 60 || pendingSeconds < 0 || minHoldSeconds < 0
        || degradedMinErrors < 1 || settleSeconds < 0 || evaluateSeconds < 1) {
      throw new IllegalArgumentException("health: ttl and window >= 60 s, pending, hold and settle >= 0, "
          + "degraded_min_errors >= 1, evaluate_seconds >= 1");
    }
  }

  /** Reads the {@code health} section of the root config; missing keys take the defaults. */
  public static HealthRules fromJson(JsonObject root) {
    JsonObject h = root.getJsonObject("health", new JsonObject());
    HealthRules d = DEFAULTS;
    return new HealthRules(h.getLong("step_seconds", d.stepSeconds()),
        h.getLong("heartbeat_ttl_seconds", d.heartbeatTtlSeconds()), h.getLong("window_seconds", d.windowSeconds()),
        h.getLong("pending_seconds", d.pendingSeconds()), h.getLong("min_hold_seconds", d.minHoldSeconds()),
        h.getInteger("degraded_min_errors", d.degradedMinErrors()), h.getLong("settle_seconds", d.settleSeconds()),
        h.getLong("evaluate_seconds", d.evaluateSeconds()));
  }

  /** How far back evidence matters for one decision. */
  public long lookbackSeconds() {
    return Math.max(heartbeatTtlSeconds, windowSeconds);
  }
}
