package dvmdash.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {

  @Test
  void absentSectionMeansOffWithDefaults() {
    RetentionConfig c = RetentionConfig.fromJson(new JsonObject());
    assertFalse(c.enabled());
    assertEquals(0, c.rawDays());
    assertEquals(45, c.minuteDays());
    assertEquals(60, c.intervalMinutes());
  }

  @Test
  void presentSectionEnablesUnlessDisabled() {
    RetentionConfig c = RetentionConfig.fromJson(new JsonObject().put("retention",
        new JsonObject().put("raw_days", 90).put("minute_days", 31).put("interval_minutes", 15)));
    assertTrue(c.enabled());
    assertEquals(90, c.rawDays());
    assertEquals(31, c.minuteDays());
    assertEquals(15, c.intervalMinutes());
    assertFalse(RetentionConfig.fromJson(new JsonObject().put("retention", new JsonObject().put("enabled", false)))
        .enabled());
  }

  @Test
  void minuteDaysBelowThirtyOneIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetentionConfig.fromJson(
        new JsonObject().put("retention", new JsonObject().put("minute_days", 30))));
    assertTrue(e.getMessage().contains("retention.minute_days"), e.getMessage());
    assertEquals(0, RetentionConfig.fromJson(new JsonObject().put("retention", new JsonObject().put("minute_days", 0)))
        .minuteDays(), "0 keeps per-minute rows forever");
  }

  @Test
  void badValuesAreClearErrors() {
    assertThrows(IllegalArgumentException.class, () -> RetentionConfig.fromJson(
        new JsonObject().put("retention", new JsonObject().put("raw_days", -1))));
    assertThrows(IllegalArgumentException.class, () -> RetentionConfig.fromJson(
        new JsonObject().put("retention", new JsonObject().put("interval_minutes", 0))));
    assertThrows(IllegalArgumentException.class, () -> RetentionConfig.fromJson(
        new JsonObject().put("retention", new JsonObject().put("raw_days", "ten"))));
    assertThrows(IllegalArgumentException.class, () -> RetentionConfig.fromJson(
        new JsonObject().put("retention", "yes")));
  }
}
