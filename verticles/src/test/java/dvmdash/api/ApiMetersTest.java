package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.metrics.VerticleMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The API node's meters read its stream and shared answers, and go with the verticle. */
class ApiMetersTest {

  @Test
  void metersReadTheStreamAndTheAnswersUntilClosed() {
    MeterRegistry registry = new SimpleMeterRegistry();
    StreamHandler stream = new StreamHandler(10);
    AnswerCache answers = new AnswerCache(10);
    VerticleMeters meters = ApiMeters.register(registry, stream, answers);
    answers.get("/api/stats/global", 60, () -> Future.succeededFuture(new JsonObject()));
    answers.get("/api/stats/global", 60, () -> Future.succeededFuture(new JsonObject()));

    assertEquals(0.0, registry.get("dvmdash_sse_clients").gauge().value());
    assertEquals(1.0, registry.get("dvmdash_api_answers_total").tag("source", "shared").functionCounter().count());
    assertEquals(1.0, registry.get("dvmdash_api_answers_total").tag("source", "computed").functionCounter().count());
    for (String reason : new String[] {"stalled", "evicted", "behind"}) {
      assertEquals(0.0, registry.get("dvmdash_sse_dropped_total").tag("reason", reason).functionCounter().count());
    }
    assertEquals(0.0, registry.get("dvmdash_sse_refused_total").tag("reason", "per_client").functionCounter().count());

    meters.close();
    assertNull(registry.find("dvmdash_sse_clients").meter());
  }
}
