package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.health.HealthRepository;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.HealthEvidenceWriter;
import dvmdash.store.PgSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outcome of a synthetic job as the batch writer records it and the health API reports it: error or
 * payment-required feedback of the DVM, its first result, answers of other authors ignored.
 */
class SyntheticJobOutcomeIT {

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void errorsAndResultsOfTheDvmAreRecorded() throws Exception {
    long now = 1_795_500_000L;
    EventSigner monitor = EventSigner.fromSeed(5);
    EventSigner dvm = EventSigner.fromSeed(6);
    EventSigner other = EventSigner.fromSeed(7);
    Vertx vertx = Vertx.vertx();
    String url = TestPostgres.freshDatabase();
    Pool pg = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    try {
      await(PgSchema.migrate(vertx, url));
      NostrEvent paid = monitor.sign(now - 900, 5050, List.of(List.of("i", "hi", "text"), List.of("p", dvm.pubkey())), "");
      NostrEvent answered = monitor.sign(now - 600, 5050, List.of(List.of("i", "hi", "text"),
          List.of("p", dvm.pubkey())), "");
      await(pg.query("INSERT INTO health_jobs (request_id, dvm, kind, sent_at) VALUES ('" + paid.id() + "', '"
          + dvm.pubkey() + "', 5050, " + paid.createdAt() + "), ('" + answered.id() + "', '" + dvm.pubkey()
          + "', 5050, " + answered.createdAt() + ")").execute());
      List<NostrEvent> batch = List.of(
          dvm.sign(now - 899, 7000, List.of(List.of("status", "payment-required"), List.of("amount", "1000"),
              List.of("e", paid.id()), List.of("p", monitor.pubkey())), "Please pay 1 sat"),
          other.sign(now - 598, 6050, List.of(List.of("e", answered.id())), "not the DVM asked"),
          dvm.sign(now - 596, 6050, List.of(List.of("e", answered.id())), "hello"),
          dvm.sign(now - 590, 6050, List.of(List.of("e", answered.id())), "hello again"));
      await(pg.withTransaction(conn -> HealthEvidenceWriter.write(conn, batch)));
      JsonObject health = await(new HealthRepository(pg).dvm(dvm.pubkey(), now));
      JsonObject last = health.getJsonObject("last_job");
      assertEquals(new JsonObject().put("at", now - 600).put("kind", 5050).put("ok", true).put("seconds", 4L)
          .putNull("error").put("request_id", answered.id()), last);
      JsonObject first = await(pg.query("SELECT result_at, error FROM health_jobs WHERE request_id = '" + paid.id()
          + "'").execute()).iterator().next().toJson();
      assertEquals(new JsonObject().putNull("result_at").put("error", "payment-required: Please pay 1 sat"), first);
    } finally {
      pg.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
