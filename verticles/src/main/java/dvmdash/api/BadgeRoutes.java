package dvmdash.api;

import dvmdash.health.Badge;
import dvmdash.health.HealthRepository;
import dvmdash.health.StatusPage;
import dvmdash.shared.nostr.Nip19;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Public status of one DVM for operators' READMEs and users: {@code /badge/{npub}/status.svg},
 * {@code /badge/{npub}/uptime.svg} (30 days) and the page {@code /status/{npub}}; cacheable for 60 s.
 */
final class BadgeRoutes {

  static final String CACHE = "public, max-age=60";

  private final HealthRepository health;
  private final LongSupplier nowSeconds;

  BadgeRoutes(HealthRepository health, LongSupplier nowSeconds) {
    this.health = health;
    this.nowSeconds = nowSeconds;
  }

  void mount(Router router) {
    router.get("/badge/:npub/status.svg").handler(StatsRoutes.guard(ctx -> withHealth(ctx,
        (pubkey, h) -> send(ctx, "image/svg+xml; charset=utf-8", Badge.status(h.getString("state"))))));
    router.get("/badge/:npub/uptime.svg").handler(StatsRoutes.guard(ctx -> withHealth(ctx,
        (pubkey, h) -> send(ctx, "image/svg+xml; charset=utf-8",
            Badge.uptime("30d", h.getJsonObject("uptime").getDouble("30d"))))));
    router.get("/status/:npub").handler(StatsRoutes.guard(ctx -> withHealth(ctx,
        (pubkey, h) -> send(ctx, "text/html; charset=utf-8", StatusPage.render(h, Nip19.encodeNpub(pubkey))))));
  }

  private void withHealth(RoutingContext ctx, BiConsumer<String, JsonObject> then) {
    String pubkey = Params.hex64(ctx.pathParam("npub"), "npub");
    health.dvm(pubkey, nowSeconds.getAsLong()).onSuccess(h -> {
      if (h == null) {
        Replies.error(ctx, 404, "no DVM with pubkey " + pubkey);
      } else {
        then.accept(pubkey, h);
      }
    }).onFailure(err -> Replies.fail(ctx, err));
  }

  private static void send(RoutingContext ctx, String type, String body) {
    ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", CACHE)
        .putHeader("X-Content-Type-Options", "nosniff").end(body);
  }
}
