package dvmdash.health;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/** The human text of a state change (direct messages): pure. */
public final class HealthMessage {

  private HealthMessage() {
  }

  /** From a change {pubkey, npub, at, state, previous, cause}. */
  public static String text(JsonObject change) {
    String at = Instant.ofEpochSecond(change.getLong("at")).toString().replace('T', ' ').replace("Z", " UTC");
    return "DVMDash: DVM " + change.getString("npub") + " is " + change.getString("state").toUpperCase(Locale.ROOT)
        + " (was " + change.getString("previous") + ") since " + at + ". Cause: " + change.getString("cause") + "."
        + "\nnostr:" + change.getString("npub");
  }
}
