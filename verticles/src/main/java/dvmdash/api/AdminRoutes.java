package dvmdash.api;

import dvmdash.collector.RelayEdit;
import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.NoSuchElementException;

/**
 * Relay administration, protected by {@code admin.token} ({@code DVMDASH_ADMIN_TOKEN}) sent as
 * {@code Authorization: Bearer <token>}. Without a configured token the admin API is off (403), never open; a missing
 * or wrong token is 401. {@code GET /api/admin/relays} (every relay with activity, owner and status, from
 * {@link RelayDirectory}), {@code POST /api/admin/relays {"url", "activity"?}} (add), {@code PATCH /api/admin/relays
 * {"url", "activity"}} (mark high or normal), {@code DELETE /api/admin/relays?url=} (remove). Edits go through
 * {@link RelayListEditor} and answer {@code {"relays": [{"url", "activity"}, …]}}, the list now in effect; errors are
 * 400 (bad body, URL or activity), 404 (unknown relay), 503 (the list cannot be edited from this node).
 */
public final class AdminRoutes {

  private final RelayDirectory directory;
  private final RelayListEditor editor;
  private final String token;

  private final OwnerLoop owner;

  public AdminRoutes(RelayDirectory directory, RelayListEditor editor, String token) {
    this(directory, editor, token, OwnerLoop.INLINE);
  }

  /** {@code owner}: the loop relay-list edits run on. */
  public AdminRoutes(RelayDirectory directory, RelayListEditor editor, String token, OwnerLoop owner) {
    this.owner = owner;
    this.directory = directory;
    this.editor = editor;
    this.token = token == null || token.isBlank() ? null : token;
  }

  public void mount(Router router) {
    router.route("/api/admin/*").handler(this::authorize);
    router.get("/api/admin/relays").handler(ctx -> directory.relays()
        .onSuccess(list -> Replies.json(ctx, new JsonObject().put("relays", list)))
        .onFailure(err -> Replies.error(ctx, 503, "relay list unavailable: " + err.getMessage())));
    BodyHandler body = BodyHandler.create().setBodyLimit(4096);
    router.post("/api/admin/relays").handler(body).handler(ctx -> run(ctx, () -> {
      JsonObject b = jsonBody(ctx);
      Object activity = b.getValue("activity");
      return RelayEdit.add(text(b, "url"), activity == null ? null : RelayEntry.Activity.parse(activity));
    }));
    router.patch("/api/admin/relays").handler(body).handler(ctx -> run(ctx, () -> {
      JsonObject b = jsonBody(ctx);
      if (b.getValue("activity") == null) {
        throw new IllegalArgumentException("body must be {\"url\": \"wss://…\", \"activity\": \"high\"|\"normal\"}");
      }
      return RelayEdit.mark(text(b, "url"), RelayEntry.Activity.parse(b.getValue("activity")));
    }));
    router.delete("/api/admin/relays").handler(ctx -> run(ctx, () -> RelayEdit.remove(
        ctx.request().getParam("url"))));
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject b = ctx.body().asJsonObject();
      if (b != null) {
        return b;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException("body must be a JSON object such as {\"url\": \"wss://…\"}");
  }

  private static String text(JsonObject b, String key) {
    return b.getValue(key) instanceof String s ? s : null;
  }

  private void run(RoutingContext ctx, java.util.function.Supplier<RelayEdit> parse) {
    owner.run(() -> edit(ctx, parse));
  }

  private void edit(RoutingContext ctx, java.util.function.Supplier<RelayEdit> parse) {
    RelayEdit edit;
    try {
      edit = parse.get();
    } catch (IllegalArgumentException e) {
      Replies.error(ctx, 400, e.getMessage());
      return;
    }
    Future<RelayList> done = editor.edit(edit);
    done.onSuccess(list -> Replies.json(ctx, new JsonObject().put("relays", list.toJson())))
        .onFailure(err -> Replies.error(ctx, status(err), err.getMessage()));
  }

  static int status(Throwable err) {
    if (err instanceof NoSuchElementException) {
      return 404;
    }
    if (err instanceof IllegalArgumentException) {
      return 400;
    }
    return 503;
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
}
