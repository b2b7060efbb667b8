package dvmdash.api;

import dvmdash.health.WatchRepository;
import dvmdash.shared.nostr.Nip19;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.LongSupplier;

/**
 * The health watch list under the admin API (mounted after {@link AdminRoutes}, whose token check covers
 * {@code /api/admin/*}): {@code GET /api/admin/watch}, {@code POST /api/admin/watch {"pubkey"}},
 * {@code DELETE /api/admin/watch?pubkey=}; each answers the list now in effect.
 */
final class WatchRoutes {

  private final WatchRepository watch;
  private final LongSupplier nowSeconds;

  WatchRoutes(WatchRepository watch, LongSupplier nowSeconds) {
    this.watch = watch;
    this.nowSeconds = nowSeconds;
  }

  void mount(Router router) {
    router.get("/api/admin/watch").handler(this::list);
    router.post("/api/admin/watch").handler(BodyHandler.create().setBodyLimit(4096)).handler(StatsRoutes.guard(ctx -> {
      JsonObject b;
      try {
        b = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        b = null;
      }
      if (b == null || !(b.getValue("pubkey") instanceof String p)) {
        throw new BadRequestException("body must be {\"pubkey\": \"npub1…\"}");
      }
      String pubkey = Params.hex64(p, "pubkey");
      watch.add(pubkey, nowSeconds.getAsLong()).onSuccess(edit -> {
        if (edit == WatchRepository.Edit.FULL) {
          Replies.error(ctx, 400, "the watch list is full (at most 100 DVMs)");
        } else {
          list(ctx);
        }
      }).onFailure(err -> Replies.fail(ctx, err));
    }));
    router.delete("/api/admin/watch").handler(StatsRoutes.guard(ctx -> {
      String pubkey = Params.hex64(ctx.request().getParam("pubkey"), "pubkey");
      if (pubkey == null) {
        throw new BadRequestException("pubkey parameter missing");
      }
      if (watch.isConfigured(pubkey)) {
        throw new BadRequestException("watched by the config (health.watch); edit the config to remove it");
      }
      watch.remove(pubkey).onSuccess(edit -> {
        if (edit == WatchRepository.Edit.UNKNOWN) {
          Replies.error(ctx, 404, "not watched: " + pubkey);
        } else {
          list(ctx);
        }
      }).onFailure(err -> Replies.fail(ctx, err));
    }));
  }

  private void list(RoutingContext ctx) {
    watch.all().onSuccess(list -> {
      JsonArray out = new JsonArray();
      for (String p : list) {
        out.add(new JsonObject().put("pubkey", p).put("npub", Nip19.encodeNpub(p))
            .put("source", watch.isConfigured(p) ? "config" : "admin"));
      }
      Replies.json(ctx, new JsonObject().put("watch", out));
    }).onFailure(err -> Replies.fail(ctx, err));
  }
}
