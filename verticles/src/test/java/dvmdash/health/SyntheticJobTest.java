package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.Nip19;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticJobTest {

  private static final String DVM = "ab".repeat(32);

  private static JsonObject config(JsonObject... jobs) {
    JsonArray list = new JsonArray();
    for (JsonObject j : jobs) {
      list.add(j);
    }
    return new JsonObject().put("health", new JsonObject().put("synthetic_jobs", list));
  }

  private static String reason(JsonObject job) {
    return assertThrows(IllegalArgumentException.class, () -> SyntheticJob.fromJson(config(job))).getMessage();
  }

  @Test
  void jobsFromTheConfig() {
    List<SyntheticJob> jobs = SyntheticJob.fromJson(config(
        new JsonObject().put("dvm", Nip19.encodeNpub(DVM)).put("kind", 5050).put("input", "Say hello"),
        new JsonObject().put("dvm", DVM).put("kind", 5002).put("input", "https://x/a.mp3").put("input_type", "url")));
    assertEquals(List.of(new SyntheticJob(DVM, 5050, "Say hello", "text"),
        new SyntheticJob(DVM, 5002, "https://x/a.mp3", "url")), jobs);
    assertTrue(SyntheticJob.fromJson(new JsonObject()).isEmpty());
  }

  @Test
  void badEntriesAreNamed() {
    JsonObject ok = new JsonObject().put("dvm", DVM).put("kind", 5050).put("input", "x");
    assertTrue(reason(ok.copy().put("dvm", "nope")).startsWith("health.synthetic_jobs[0]: not a pubkey"));
    assertTrue(reason(ok.copy().put("kind", 6050)).contains("kind must be a job request kind"));
    assertTrue(reason(ok.copy().put("input", "")).contains("input must be"));
    assertTrue(reason(ok.copy().put("input_type", "file")).contains("input_type must be"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SyntheticJob.fromJson(config(ok, ok))).getMessage()
        .contains("a second job"));
  }
}
