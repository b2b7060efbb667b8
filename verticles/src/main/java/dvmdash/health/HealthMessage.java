package dvmdash.health;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/** The human text of a state change (direct messages): pure. */
public final class HealthMessage {

  private HealthMessage() {
  }

  /**
   * From a change {pubkey, npub, at, state, previous, cause}, or a follow-up at the end of a maintenance window
   * ({@code maintenance_ended}: still in {@code state} since {@code since}).
   */
  public static String text(JsonObject change) {
    String at = time(change.getLong("at"));
    if (change.getBoolean("maintenance_ended", false)) {
      return "DVMDash: DVM " + change.getString("npub") + " is still "
          + change.getString("state").toUpperCase(Locale.ROOT) + " after its maintenance window ended at " + at + " (" + change.getString("state") + " since "
          + time(change.getLong("since")) + "). Cause: " + change.getString("cause") + "."
          + "\nnostr:" + change.getString("npub");
    }
    return "DVMDash: DVM " + change.getString("npub") + " is " + change.getString("state").toUpperCase(Locale.ROOT)
        + " (was " + change.getString("previous") + ") since " + at + ". Cause: " + change.getString("cause") + "."
        + "\nnostr:" + change.getString("npub");
  }

  private static String time(Long t) {
    return t == null ? "unknown" : Instant.ofEpochSecond(t).toString().replace('T', ' ').replace("Z", " UTC");
  }
}
