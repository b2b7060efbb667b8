package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

  private static final long NOW = 1_795_500_000L;
  private static final String DVM = "ab".repeat(32);

  private static String reason(JsonObject body) {
    return assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse(DVM, body, NOW)).getMessage();
  }

  @Test
  void unixSecondsOrIsoTimesAndANote() {
    MaintenanceWindow w = MaintenanceWindow.parse(DVM, new JsonObject().put("start", NOW - 60)
        .put("end", "2026-11-24T07:00:00Z").put("note", "  GPU swap "), NOW);
    assertEquals(NOW - 60, w.start());
    assertEquals(1_795_503_600L, w.end());
    assertEquals("GPU swap", w.note());
    assertTrue(w.covers(NOW - 60) && w.covers(NOW));
    assertFalse(w.covers(NOW - 61) || w.covers(1_795_503_600L), "[start, end)");
    assertEquals("", MaintenanceWindow.parse(DVM, new JsonObject().put("start", NOW).put("end", NOW + 1), NOW).note());
  }

  @Test
  void badWindowsAreRefusedWithTheReason() {
    assertTrue(reason(new JsonObject().put("end", NOW + 60)).startsWith("start must be"));
    assertTrue(reason(new JsonObject().put("start", "tomorrow").put("end", NOW + 60)).startsWith("start must be"));
    assertTrue(reason(new JsonObject().put("start", 1.5).put("end", NOW + 60)).startsWith("start must be"));
    assertEquals("end must be after start", reason(new JsonObject().put("start", NOW + 60).put("end", NOW + 60)));
    assertEquals("the window has already ended", reason(new JsonObject().put("start", NOW - 600).put("end", NOW)));
    assertEquals("a window lasts at most 30 days",
        reason(new JsonObject().put("start", NOW).put("end", NOW + 31 * 86_400)));
    assertTrue(reason(new JsonObject().put("start", NOW).put("end", NOW + 60).put("note", "x".repeat(501)))
        .startsWith("note is longer"));
    assertEquals("note must be a string", reason(new JsonObject().put("start", NOW).put("end", NOW + 60).put("note", 5)));
  }
}
