package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class BadgeTest {

  @Test
  void statusAndUptimeBadges() {
    assertTrue(Badge.status("up").contains("#4c1"));
    assertTrue(Badge.status("down").contains(">down<"));
    assertTrue(Badge.status(null).contains(">unknown<"));
    assertTrue(Badge.uptime("30d", 0.99961).contains(">99.9%<"), "rounded down, never 100 % early");
    assertTrue(Badge.uptime("30d", 1.0).contains(">100.0%<"));
    assertTrue(Badge.uptime("30d", 0.5).contains("#e05d44"));
    assertTrue(Badge.uptime("30d", null).contains(">n/a<"));
  }

  @Test
  void statusPageEscapesNetworkText() {
    JsonObject h = new JsonObject().put("name", "<script>alert(1)</script>").put("state", "down").put("since", 1000L)
        .put("cause", "x & y").put("uptime", new JsonObject().put("24h", 0.5).putNull("7d").putNull("30d"))
        .put("outages", new JsonArray().add(new JsonObject().put("start", 1000L).putNull("end").put("cause", "<b>")))
        .put("evaluated_at", 2000L);
    String html = StatusPage.render(h, "npub1x");
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;"));
    assertTrue(html.contains("x &amp; y"));
    assertTrue(html.contains("&lt;b&gt;"));
    assertTrue(html.contains("50.00 %"));
    assertTrue(html.contains("ongoing"));
  }

  @Test
  void statusPageShowsTheActiveAndUpcomingMaintenance() {
    JsonObject h = new JsonObject().put("state", "down").put("uptime", new JsonObject()).put("outages", new JsonArray())
        .put("maintenance", new JsonArray()
            .add(new JsonObject().put("id", 1).put("start", 1_795_500_000L).put("end", 1_795_503_600L)
                .put("note", "GPU swap <fast>").put("active", true))
            .add(new JsonObject().put("id", 2).put("start", 1_795_600_000L).put("end", 1_795_603_600L)
                .put("note", "").put("active", false)));
    String html = StatusPage.render(h, "npub1x");
    assertTrue(html.contains("<strong>Under maintenance</strong> until 2026-11-24 07:00:00 UTC: GPU swap &lt;fast&gt;"),
        html);
    assertTrue(html.contains("<td>2026-11-25 09:46:40 UTC</td>"), "the upcoming window listed");
    String none = StatusPage.render(h.copy().put("maintenance", new JsonArray()), "npub1x");
    assertFalse(none.contains("aintenance"));
  }
}
