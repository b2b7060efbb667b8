package dvmdash.health;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On an API node without an evaluator (role {@code api} alone): follows {@link HealthChangeFeed} every 2 s from the
 * changes present at start, and hands the recent ones (decided less than 15 minutes before now, minus the settle
 * time) to {@code sink}: the stream's {@code health} events. Its timer belongs to the deploying verticle's context.
 */
public final class HealthFollower {

  private static final Logger log = LoggerFactory.getLogger(HealthFollower.class);
  private static final long PERIOD_MS = 2_000;
  private static final long RECENT_SECONDS = 900 + 180;

  private final Vertx vertx;
  private final HealthChangeFeed feed;
  private final Consumer<JsonObject> sink;
  private final LongSupplier nowSeconds;
  private long last = -1;
  private boolean busy;

  public HealthFollower(Vertx vertx, HealthChangeFeed feed, Consumer<JsonObject> sink, LongSupplier nowSeconds) {
    this.vertx = vertx;
    this.feed = feed;
    this.sink = sink;
    this.nowSeconds = nowSeconds;
  }

  public void start() {
    vertx.setPeriodic(PERIOD_MS, id -> tick());
  }

  private void tick() {
    if (busy) {
      return;
    }
    busy = true;
    (last < 0 ? feed.last().map(seq -> {
      last = seq;
      return (Void) null;
    }) : feed.after(last).map(page -> {
      last = page.last();
      long since = nowSeconds.getAsLong() - RECENT_SECONDS;
      for (JsonObject c : page.changes()) {
        if (c.getLong("at") > since) {
          sink.accept(c);
        }
      }
      return (Void) null;
    }))
        .onFailure(err -> log.debug("Cannot follow health changes: {}", err.toString()))
        .onComplete(ar -> busy = false);
  }
}
