package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.cli.BackfillCommand;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill from a simulated relay holding many more events than one page (and one second holding almost a page),
 * for a time range that cuts through the history: every valid event of the range arrives exactly once (raw count, dedup ids, and every API figure equal
 * the ground truth of the range's events), nothing outside the range is taken, and a second backfill changes nothing.
 */
class BackfillIT {

  private static final long DAY = 86_400;

  @TempDir
  Path dir;

  private static String backfill(JsonObject config, List<String> relays, long since, long until) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = BackfillCommand.run(config, relays, since, until, 40, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.print(out);
    assertEquals(0, rc, out);
    return out;
  }

  private static long number(String out, String label) {
    Matcher m = Pattern.compile(label + " (\\d+)").matcher(out);
    assertTrue(m.find(), label + " in " + out);
    return Long.parseLong(m.group(1));
  }

  @Test
  void backfillTakesEveryEventOfTheRangeOnce() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    long since = now - 25 * DAY;
    long until = now - 2 * DAY;
    Vertx simVertx = Vertx.vertx();
    SimHandle sim = Simulator.start(simVertx, new SimulationPlan(31, 25, 8, 400, 40 * DAY, 0.03),
        List.of(SimRelayOptions.onPort(0)), now).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    // 39 requests in one second: with pages of 40, a page boundary falls inside that second
    EventSigner crowd = EventSigner.fromSeed(77);
    for (int i = 0; i < 39; i++) {
      sim.publish(crowd.sign(until - 3 * DAY, 5300, List.of(List.of("i", "crowd " + i, "text")), ""));
    }
    List<NostrEvent> inRange = sim.truth().validEvents().stream()
        .filter(e -> e.createdAt() >= since && e.createdAt() <= until).toList();
    long expected = PipelineIT.expectedRawCount(inRange);
    assertTrue(expected > 200, "the range holds many pages of 40: " + expected);
    try {
      JsonObject config = TestNode.config(TestPostgres.freshDatabase(), null, List.of("ws://127.0.0.1:9"),
          dir);
      String first = backfill(config, sim.urls(), since, until);
      assertEquals(expected, number(first, "new"), "each valid event of the range is new exactly once");
      String second = backfill(config, sim.urls(), since, until);
      assertEquals(0, number(second, "new"), "a second backfill adds nothing");
      assertEquals(number(first, "valid"), number(second, "valid"), "the same events were offered again");

      try (TestNode n = TestNode.start(config, now)) {
        assertEquals(expected, n.rawCount(), "raw events: the range's valid events, once each");
        assertEquals(0, n.sqlRow("SELECT count(*) AS n FROM events WHERE created_at < " + since
            + " OR created_at > " + until).getLong("n"), "nothing outside the range");
        PipelineIT.assertApiEqualsTruth(n, inRange, now);
      }
    } finally {
      simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
