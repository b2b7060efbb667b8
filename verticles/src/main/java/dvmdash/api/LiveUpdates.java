package dvmdash.api;

import dvmdash.store.StatsAnswers;
import dvmdash.store.Window;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns committed batches into stream events: one {@code job} per new request, feedback or result (as committed),
 * and a {@code stats} event with the 24h global figures, recomputed at most once per {@link #STATS_INTERVAL_MS}.
 */
final class LiveUpdates {

  static final long STATS_INTERVAL_MS = 500;

  private final Vertx vertx;
  private final StatsAnswers stats;
  private final StreamHandler stream;
  private final LongSupplier nowSeconds;
  private boolean statsScheduled;

  LiveUpdates(Vertx vertx, StatsAnswers stats, StreamHandler stream, LongSupplier nowSeconds) {
    this.vertx = vertx;
    this.stats = stats;
    this.stream = stream;
    this.nowSeconds = nowSeconds;
  }

  void committed(JsonObject batch) {
    if (batch.getInteger("new_events", 0) == 0) {
      return;
    }
    JsonArray jobs = batch.getJsonArray("jobs", new JsonArray());
    List<JsonObject> list = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      list.add(jobs.getJsonObject(i));
    }
    stream.broadcast("job", list);
    if (!statsScheduled) {
      statsScheduled = true;
      vertx.setTimer(STATS_INTERVAL_MS, id -> stats.global(Window.of("24h", nowSeconds.getAsLong()))
          .onComplete(ar -> {
            statsScheduled = false;
            if (ar.succeeded()) {
              stream.broadcast("stats", ar.result());
            }
          }));
    }
  }
}
