package dvmdash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.cli.TimeArg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines and bad retention settings are clear errors (exit 2) before any store is touched. */
class CommandsTest {

  @TempDir
  Path dir;

  private static String[] run(int expectedExit, String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(expectedExit, Commands.run(args));
    } finally {
      System.setErr(err);
    }
    return buf.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void badArgumentsExitTwoWithTheReason() {
    assertTrue(run(2, "backfill", "--relay", "ws://x", "--since", "yesterday", "--until", "1")[0]
        .contains("--since must be unix seconds"));
    assertTrue(run(2, "backfill", "--relay", "ws://x", "--since", "1")[0].contains("needs --since and --until"));
    assertTrue(run(2, "backfill", "--since", "1", "--until", "2")[0].contains("at least one --relay"));
    assertTrue(run(2, "backfill", "--relay", "ws://x", "--since", "5", "--until", "2")[0].contains("--since"));
    assertTrue(run(2, "export", "--limit", "ten")[0].contains("--limit must be an integer"));
  }

  @Test
  void retentionRefusesMinuteDaysBelowThirtyOne() throws Exception {
    Path cfg = dir.resolve("c.json");
    Files.writeString(cfg, "{\"retention\": {\"minute_days\": 7}}");
    assertTrue(run(2, "retention", "--config", cfg.toString())[0].contains("retention.minute_days"));
  }

  @Test
  void timesAreUnixSecondsIsoInstantsOrUtcDates() {
    assertEquals(1735689600L, TimeArg.parse("--since", "1735689600"));
    assertEquals(1735689600L, TimeArg.parse("--since", "2025-01-01T00:00:00Z"));
    assertEquals(1735689600L, TimeArg.parse("--since", "2025-01-01"));
  }
}
