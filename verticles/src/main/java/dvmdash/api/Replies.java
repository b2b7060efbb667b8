package dvmdash.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that writes JSON answers and {"error": "..."} replies. */
public final class Replies {

  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private Replies() {
  }

  public static void json(RoutingContext ctx, JsonObject body) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  public static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", message).encode());
  }

  /**
   * Answers with the future's JSON: 404 with {@code notFound} when it resolves to null, 400 on a
   * {@link BadRequestException}, 500 otherwise (logged).
   */
  public static void answer(RoutingContext ctx, Future<JsonObject> f, String notFound) {
    f.onSuccess(body -> {
      if (body == null) {
        error(ctx, 404, notFound);
      } else {
        json(ctx, body);
      }
    }).onFailure(err -> fail(ctx, err));
  }

  /** As {@link #answer} for an answer already encoded (a shared one: each response writes its own copy). */
  public static void encoded(RoutingContext ctx, Future<Buffer> f, String notFound) {
    f.onSuccess(body -> {
      if (body == null) {
        error(ctx, 404, notFound);
      } else {
        ctx.response()
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(body.copy());
      }
    }).onFailure(err -> fail(ctx, err));
  }

  public static void fail(RoutingContext ctx, Throwable err) {
    if (err instanceof BadRequestException || err instanceof IllegalArgumentException) {
      error(ctx, 400, err.getMessage());
    } else if (err instanceof TooManyRequestsException) {
      ctx.response().putHeader("Retry-After", "5");
      error(ctx, 429, err.getMessage());
    } else {
      log.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), err.toString());
      error(ctx, 500, "internal error: " + err.getMessage());
    }
  }
}
