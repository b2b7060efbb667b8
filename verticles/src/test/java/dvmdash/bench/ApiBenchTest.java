package dvmdash.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/bench-api's reading of wrk output (units, failures) and its report (verdicts, exit status). */
class ApiBenchTest {

  private static final String OK = """
      Running 2s test @ http://127.0.0.1:18431/api/jobs?limit=2
        2 threads and 4 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   469.83ms  159.69ms   1.20s    60.00%
          Req/Sec     5.27      3.63    10.00     60.00%
        Latency Distribution
           50%  608.00us
           75%  663.26ms
           90%  682.95ms
           99%    1.20s
        15 requests in 2.01s, 12.01KB read
      Requests/sec:      7.46
      Transfer/sec:      5.97KB
      """;

  private static final String BAD = """
      Running 1s test @ http://127.0.0.1:18431/api/jobs/zz
        2 threads and 4 connections
        Latency Distribution
           50%  608.00us
           75%    1.26ms
           90%    3.74ms
           99%   14.06ms
        5337 requests in 1.10s, 823.48KB read
        Socket errors: connect 0, read 0, write 0, timeout 3
        Non-2xx or 3xx responses: 5337
      Requests/sec:   4839.89
      """;

  @Test
  void parsesPercentilesInEveryUnitAndCounts() {
    WrkResult r = WrkResult.parse(OK);
    assertEquals(0.608, r.p50Ms(), 1e-9);
    assertEquals(1200, r.p99Ms(), 1e-9);
    assertEquals(15, r.requests());
    assertEquals(7.46, r.rps(), 1e-9);
    assertNull(r.failure());
    assertEquals(90_000, WrkResult.toMs(1.5, "m"), 1e-9);
  }

  @Test
  void non2xxSocketErrorsAndEmptyOutputFailTheRow() {
    WrkResult r = WrkResult.parse(BAD);
    assertEquals(5337, r.non2xx());
    assertEquals(3, r.socketErrors());
    assertEquals("5337 non-2xx", r.failure());
    assertEquals("no request completed within 1m", WrkResult.parse("Running 1m test @ http://x/\n").failure());
  }

  @Test
  void reportMarksTargetsAndFailsOnABadRow(@TempDir Path dir) throws Exception {
    Path small = size(dir.resolve("small"), 1000, OK.replace("1.20s", "20.00ms"), OK.replace("1.20s", "20.00ms"));
    Path big = size(dir.resolve("big"), 10000, OK.replace("1.20s", "30.00ms"), OK);
    Path md = dir.resolve("out.md");
    assertEquals(0, ApiBench.report(small, big, md));
    String table = Files.readString(md);
    assertTrue(table.contains("| `/a` | 4 | 0.61 ms | 20.0 ms | 0.61 ms | 30.0 ms | 1.50 | yes |"), table);
    assertTrue(table.contains("| `/b` | 4 | 0.61 ms | 20.0 ms | 0.61 ms | 1,200 ms | 60.00 | no (p99 > 50 ms, ratio"
        + " > 2) |"), table);
    assertTrue(table.contains("disk 10,000,000 bytes = 1,000 bytes per event (tables and indexes of raw events and"
        + " rollups 600, write-ahead log 400 per event)"), table);

    String none = "Running 1m test @ http://127.0.0.1:1/b\n  0 requests in 1.00m, 0.00B read\n";
    Path broken = size(dir.resolve("broken"), 10000, OK, none);
    Path brokenMd = dir.resolve("broken.md");
    assertEquals(1, ApiBench.report(small, broken, brokenMd));
    String brokenTable = Files.readString(brokenMd);
    String late = "Running 1m test @ http://127.0.0.1:1/b\n  Latency Distribution\n     50%    0.00us\n"
        + "     99%    0.00us\n  2 requests in 1.00m, 0.00B read\n"
        + "  Socket errors: connect 0, read 0, write 0, timeout 2\n";
    Path timedOut = size(dir.resolve("late"), 10000, OK, late);
    assertEquals(1, ApiBench.report(small, timedOut, dir.resolve("late.md")));
    String lateTable = Files.readString(dir.resolve("late.md"));
    assertTrue(lateTable.contains("| `/b` | 4 | 0.61 ms | 20.0 ms | – | – | – | FAILED: 2 socket"
        + " errors/timeouts"), lateTable);
    assertTrue(brokenTable.contains("| `/b` | 4 | 0.61 ms | 20.0 ms | > 1m | > 1m | – | FAILED: no request completed"
        + " within 1m"), brokenTable);
  }

  private static Path size(Path dir, long events, String a, String b) throws Exception {
    Files.createDirectories(dir.resolve("wrk"));
    Files.writeString(dir.resolve("meta.properties"),
        "events=" + events + "\nimport_seconds=2.5\ndisk_bytes=" + events * 1000 + "\ndisk_raw_bytes="
        + events * 600 + "\ndisk_pg_bytes=" + events * 400 + "\nclients=4\n");
    Files.writeString(dir.resolve("targets.tsv"), "/a\t/a\n/b\t/b\n");
    Files.writeString(dir.resolve("wrk/00-c4.txt"), a);
    Files.writeString(dir.resolve("wrk/01-c4.txt"), b);
    return dir;
  }
}
