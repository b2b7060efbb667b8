package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthMessageTest {

  private static final JsonObject CHANGE = new JsonObject().put("pubkey", "ab".repeat(32)).put("npub", "npub1x")
      .put("at", 1_795_500_300L).put("state", "up").put("previous", "down").put("cause", "heartbeat at 1795500000");

  @Test
  void aChangeAndAFollowUpAfterMaintenance() {
    assertEquals("DVMDash: DVM npub1x is UP (was down) since 2026-11-24 06:05:00 UTC. Cause: heartbeat at 1795500000."
        + "\nnostr:npub1x", HealthMessage.text(CHANGE));
    JsonObject followUp = CHANGE.copy().put("state", "down").put("previous", "down").put("since", 1_795_499_700L)
        .put("cause", "no heartbeat for more than 900 s and no result").put("maintenance_ended", true);
    assertEquals("DVMDash: DVM npub1x is still DOWN after its maintenance window ended at 2026-11-24 06:05:00 UTC"
        + " (down since 2026-11-24 05:55:00 UTC). Cause: no heartbeat for more than 900 s and no result.\nnostr:npub1x",
        HealthMessage.text(followUp));
  }

  @Test
  void aFollowUpOnlyForAStateBadSinceInsideTheWindow() {
    MaintenanceWindow w = new MaintenanceWindow(1, "ab".repeat(32), 1_000, 2_000, "");
    assertTrue(new MaintenanceRepository.Ended(w, HealthState.DOWN, 1_500L, "x").needsFollowUp());
    assertTrue(new MaintenanceRepository.Ended(w, HealthState.DEGRADED, 1_000L, "x").needsFollowUp());
    assertFalse(new MaintenanceRepository.Ended(w, HealthState.UP, 1_500L, "x").needsFollowUp(), "recovered");
    assertFalse(new MaintenanceRepository.Ended(w, HealthState.DOWN, 900L, "x").needsFollowUp(),
        "down before the window: that change was notified");
    assertFalse(new MaintenanceRepository.Ended(w, HealthState.DOWN, 2_000L, "x").needsFollowUp(),
        "down after the window: that change is notified");
  }
}
