package dvmdash.api;

import dvmdash.health.HealthRepository;
import dvmdash.health.WatchRepository;
import io.vertx.ext.web.Router;
import java.util.function.LongSupplier;

/** {@code GET /api/dvms/{pubkey}/health} and {@code GET /api/health} (docs/api-spec.md). */
final class HealthRoutes {

  private final HealthRepository health;
  private final WatchRepository watch;
  private final LongSupplier nowSeconds;

  HealthRoutes(HealthRepository health, WatchRepository watch, LongSupplier nowSeconds) {
    this.health = health;
    this.watch = watch;
    this.nowSeconds = nowSeconds;
  }

  void mount(Router router) {
    router.get("/api/dvms/:pubkey/health").handler(StatsRoutes.guard(ctx -> {
      String pubkey = Params.hex64(ctx.pathParam("pubkey"), "pubkey");
      Replies.answer(ctx, health.dvm(pubkey, nowSeconds.getAsLong()), "no DVM with pubkey " + pubkey);
    }));
    router.get("/api/health").handler(StatsRoutes.guard(ctx ->
        Replies.answer(ctx, watch.all().compose(w -> health.list(nowSeconds.getAsLong(), w)), "no health")));
  }
}
