package dvmdash.api;

import dvmdash.store.StatsAnswers;
import dvmdash.store.StatsRepository;
import dvmdash.store.Window;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The stats endpoints: global, time series, DVMs, kinds. Their answers are shared between requests through an
 * {@link AnswerCache} that the node's wiring invalidates whenever a batch commits or a DVM's health state changes.
 */
public final class StatsRoutes {

  private final StatsAnswers stats;
  private final LongSupplier nowSeconds;
  private final AnswerCache answers;

  /** {@code answers}: shared with the node's other routes, invalidated by its wiring. */
  public StatsRoutes(StatsAnswers stats, LongSupplier nowSeconds, AnswerCache answers) {
    this.stats = stats;
    this.nowSeconds = nowSeconds;
    this.answers = answers;
  }

  /** The validated request's answer, shared with requests for the same URI whose window ends in the same minute. */
  private Future<Buffer> shared(RoutingContext ctx, Window w, Supplier<Future<JsonObject>> compute) {
    return answers.answer(ctx.request(), w.now(), compute);
  }

  public void mount(Router router) {
    router.get("/api/stats/global").handler(guard(ctx ->
        {
      Window w = window(ctx);
      Replies.encoded(ctx, shared(ctx, w, () -> stats.global(w)), "no data");
    }));
    router.get("/api/stats/timeseries").handler(guard(ctx -> {
      Window w = window(ctx);
      String kind = ctx.request().getParam("kind");
      Integer k = kind == null || kind.isEmpty() ? null : Params.requestKind(kind);
      String dvm = Params.optionalHex64(ctx, "dvm");
      Replies.encoded(ctx, shared(ctx, w, () -> stats.timeseries(w, k, dvm)), "no data");
    }));
    router.get("/api/dvms").handler(guard(ctx -> {
      Window w = window(ctx);
      String sort = ctx.request().getParam("sort", "job_results");
      if (!StatsRepository.DVM_SORTS.containsKey(sort)) {
        throw new BadRequestException("sort must be one of " + String.join(", ",
            new java.util.TreeSet<>(StatsRepository.DVM_SORTS.keySet())));
      }
      int limit = Params.intOr(ctx, "limit", 100, 1, 1000);
      int offset = Params.intOr(ctx, "offset", 0, 0, 1_000_000);
      Replies.encoded(ctx, shared(ctx, w, () -> stats.dvms(w, sort, limit, offset)), "no data");
    }));
    router.get("/api/dvms/:pubkey").handler(guard(ctx -> {
      Window w = window(ctx);
      String pubkey = Params.hex64(ctx.pathParam("pubkey"), "pubkey");
      Replies.encoded(ctx, shared(ctx, w, () -> stats.dvm(w, pubkey)), "no DVM with pubkey " + pubkey);
    }));
    router.get("/api/kinds").handler(guard(ctx -> {
      Window w = window(ctx);
      Replies.encoded(ctx, shared(ctx, w, () -> stats.kinds(w)), "no data");
    }));
    router.get("/api/kinds/:kind").handler(guard(ctx -> {
      Window w = window(ctx);
      int kind = Params.requestKind(ctx.pathParam("kind"));
      Replies.encoded(ctx, shared(ctx, w, () -> stats.kind(w, kind)), "kind " + kind + " has never been seen");
    }));
  }

  private Window window(RoutingContext ctx) {
    return window(ctx, nowSeconds);
  }

  /** The request's {@code range} as a window ending now; an unknown range is a 400. */
  static Window window(RoutingContext ctx, LongSupplier nowSeconds) {
    try {
      return Window.of(ctx.request().getParam("range"), nowSeconds.getAsLong());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  /** Turns validation exceptions thrown synchronously into 400 answers. */
  static Handler<RoutingContext> guard(Handler<RoutingContext> h) {
    return ctx -> {
      try {
        h.handle(ctx);
      } catch (RuntimeException e) {
        Replies.fail(ctx, e);
      }
    };
  }
}
