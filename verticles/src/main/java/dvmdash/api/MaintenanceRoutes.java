package dvmdash.api;

import dvmdash.health.MaintenanceRepository;
import dvmdash.health.MaintenanceWindow;
import dvmdash.shared.nostr.Nip19;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.LongSupplier;

/**
 * Maintenance windows under the admin API (mounted after {@link AdminRoutes}, whose token check covers
 * {@code /api/admin/*}): {@code GET /api/admin/maintenance} (windows not yet ended),
 * {@code POST /api/admin/maintenance {"pubkey", "start", "end", "note"}} (answers the window with its id),
 * {@code DELETE /api/admin/maintenance?id=}.
 */
final class MaintenanceRoutes {

  private final MaintenanceRepository maintenance;
  private final LongSupplier nowSeconds;

  MaintenanceRoutes(MaintenanceRepository maintenance, LongSupplier nowSeconds) {
    this.maintenance = maintenance;
    this.nowSeconds = nowSeconds;
  }

  void mount(Router router) {
    router.get("/api/admin/maintenance").handler(this::list);
    router.post("/api/admin/maintenance").handler(BodyHandler.create().setBodyLimit(4096))
        .handler(StatsRoutes.guard(ctx -> {
          JsonObject b;
          try {
            b = ctx.body().asJsonObject();
          } catch (RuntimeException e) {
            b = null;
          }
          if (b == null || !(b.getValue("pubkey") instanceof String p)) {
            throw new BadRequestException("body must be {\"pubkey\": \"npub1…\", \"start\": …, \"end\": …, \"note\": …}");
          }
          String pubkey = Params.hex64(p, "pubkey");
          long now = nowSeconds.getAsLong();
          MaintenanceWindow w;
          try {
            w = MaintenanceWindow.parse(pubkey, b, now);
          } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
          }
          maintenance.add(w, now).onSuccess(id -> {
            if (id == null) {
              Replies.error(ctx, 400, "this DVM already has " + MaintenanceRepository.MAX_OPEN + " windows not ended");
            } else {
              Replies.json(ctx, new MaintenanceWindow(id, pubkey, w.start(), w.end(), w.note()).toJson(now)
                  .put("pubkey", pubkey).put("npub", Nip19.encodeNpub(pubkey)));
            }
          }).onFailure(err -> Replies.fail(ctx, err));
        }));
    router.delete("/api/admin/maintenance").handler(StatsRoutes.guard(ctx -> {
      Long id = Params.optionalLong(ctx, "id");
      if (id == null) {
        throw new BadRequestException("id parameter missing");
      }
      maintenance.remove(id).onSuccess(found -> {
        if (found) {
          list(ctx);
        } else {
          Replies.error(ctx, 404, "no maintenance window " + id);
        }
      }).onFailure(err -> Replies.fail(ctx, err));
    }));
  }

  private void list(RoutingContext ctx) {
    long now = nowSeconds.getAsLong();
    maintenance.open(now).onSuccess(list -> {
      io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
      for (MaintenanceWindow w : list) {
        out.add(w.toJson(now).put("pubkey", w.dvm()).put("npub", Nip19.encodeNpub(w.dvm())));
      }
      Replies.json(ctx, new JsonObject().put("maintenance", out));
    }).onFailure(err -> Replies.fail(ctx, err));
  }
}
