package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.shared.nostr.KindCatalog;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

/** The parts of the stats JSON that do not come from a row: window fields, a kind without jobs, arrays. */
class StatsAnswersTest {

  static final long NOW = 1_800_000_000L;

  @Test
  void everyAnswerStartsWithItsWindowAndAllTimeHasNoStart() {
    assertEquals("{\"range\":\"24h\",\"window_start\":" + (NOW - 86_400) + ",\"now\":" + NOW + "}",
        StatsAnswers.windowJson(Window.of("24h", NOW)).encode());
    assertEquals("{\"range\":\"all\",\"window_start\":null,\"now\":" + NOW + "}",
        StatsAnswers.windowJson(Window.of("all", NOW)).encode());
  }

  @Test
  void aKindWithoutJobsHasZeroCountsAndNoTimes() {
    assertEquals("{\"kind\":5300,\"name\":\"" + KindCatalog.name(5300) + "\",\"job_requests\":0,"
        + "\"job_results\":0,\"job_feedback\":0,\"sats_paid\":0,\"dvm_count\":0,\"sats_zapped\":0,"
        + "\"announced_dvm_count\":3,\"avg_response_seconds\":null,\"success_rate\":null,"
        + "\"p50_response_seconds\":null,\"p95_response_seconds\":null}",
        StatsAnswers.unusedKindJson(5300, 3).encode());
  }

  @Test
  void missingArraysAreEmpty() {
    assertEquals(new JsonArray(), StatsAnswers.intArray(null));
    assertEquals(new JsonArray().add(1).add(2), StatsAnswers.intArray(new Integer[] {1, 2}));
  }
}
