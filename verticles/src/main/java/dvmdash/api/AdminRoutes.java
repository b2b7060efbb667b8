package dvmdash.api;

import dvmdash.shared.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Relay administration, protected by {@code admin.token} ({@code DVMDASH_ADMIN_TOKEN}) sent as
 * {@code Authorization: Bearer <token>}. Without a configured token the admin API is off (403), never open.
 * {@code GET /api/admin/relays}, {@code POST /api/admin/relays {"url": …}}, {@code DELETE /api/admin/relays?url=}.
 */
public final class AdminRoutes {

  private final Vertx vertx;
  private final String token;

  public AdminRoutes(Vertx vertx, String token) {
    this.vertx = vertx;
    this.token = token == null || token.isBlank() ? null : token;
  }

  public void mount(Router router) {
    router.route("/api/admin/*").handler(this::authorize);
    router.get("/api/admin/relays").handler(ctx -> vertx.eventBus().<JsonArray>request(Addresses.RELAYS_STATUS, null)
        .onSuccess(m -> Replies.json(ctx, new JsonObject().put("relays", m.body())))
        .onFailure(err -> Replies.error(ctx, 503, "no collector on this node: " + err.getMessage())));
    router.post("/api/admin/relays").handler(BodyHandler.create().setBodyLimit(4096)).handler(ctx -> {
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      String url = body == null ? null : body.getString("url");
      if (url == null || url.isBlank()) {
        Replies.error(ctx, 400, "body must be {\"url\": \"wss://…\"}");
        return;
      }
      change(ctx, list -> {
        if (!list.contains(url.trim())) {
          list.add(url.trim());
        }
      });
    });
    router.delete("/api/admin/relays").handler(ctx -> {
      String url = ctx.request().getParam("url");
      if (url == null || url.isBlank()) {
        Replies.error(ctx, 400, "url parameter required");
        return;
      }
      change(ctx, list -> list.remove(url.trim()));
    });
  }

  private void authorize(RoutingContext ctx) {
    if (token == null) {
      Replies.error(ctx, 403, "admin API disabled: set DVMDASH_ADMIN_TOKEN (admin.token) to enable it");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      Replies.error(ctx, 401, "missing or wrong admin token");
      return;
    }
    ctx.next();
  }

  /** Reads the current relay URLs, applies the edit, and asks the collector supervisor to switch to the result. */
  private void change(RoutingContext ctx, java.util.function.Consumer<java.util.List<String>> edit) {
    vertx.eventBus().<JsonArray>request(Addresses.RELAYS_STATUS, null).compose(m -> {
      java.util.List<String> urls = new java.util.ArrayList<>();
      for (Object o : m.body()) {
        urls.add(((JsonObject) o).getString("url"));
      }
      edit.accept(urls);
      return vertx.eventBus().<JsonArray>request(Addresses.ADMIN_SET_RELAYS, new JsonArray(urls));
    }).onSuccess(m -> Replies.json(ctx, new JsonObject().put("relays", m.body())))
        .onFailure(err -> Replies.error(ctx, err instanceof io.vertx.core.eventbus.ReplyException re
            && re.failureCode() == 400 ? 400 : 503, err.getMessage()));
  }
}
