package dvmdash.api;

import dvmdash.shared.nostr.EventWriter;
import dvmdash.store.RawEventStore;
import dvmdash.store.StatsAnswers;
import dvmdash.store.StoredEvent;
import dvmdash.store.Window;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Exports while the server runs: raw events as JSONL (the NIP-01 events exactly as stored, oldest first) and the DVM
 * and kind tables of any range as CSV. Each is streamed page by page, the next page read only once the client has
 * taken the previous one, so memory stays bounded however large the export.
 */
public final class ExportRoutes {

  static final int EVENT_PAGE = 1000;
  static final int DVM_PAGE = 1000;
  static final List<String> DVM_COLUMNS = List.of("pubkey", "name", "kinds", "announced_kinds", "job_requests",
      "job_results", "job_feedback", "errors", "avg_response_seconds", "p50_response_seconds",
      "p95_response_seconds", "sats_earned", "sats_zapped", "first_seen", "last_seen");
  static final List<String> KIND_COLUMNS = List.of("kind", "name", "job_requests", "job_results", "job_feedback",
      "sats_paid", "sats_zapped", "dvm_count", "announced_dvm_count", "avg_response_seconds");

  private final RawEventStore raw;
  private final StatsAnswers stats;
  private final LongSupplier nowSeconds;

  public ExportRoutes(RawEventStore raw, StatsAnswers stats, LongSupplier nowSeconds) {
    this.raw = raw;
    this.stats = stats;
    this.nowSeconds = nowSeconds;
  }

  public void mount(Router router) {
    router.get("/api/export/events").handler(StatsRoutes.guard(ctx -> {
      Long since = Params.optionalLong(ctx, "since");
      Long until = Params.optionalLong(ctx, "until");
      Integer kind = Params.optionalInt(ctx, "kind", 0, 65535);
      if (since != null && until != null && until < since) {
        throw new BadRequestException("until must not be before since");
      }
      HttpServerResponse res = start(ctx, "application/x-ndjson; charset=utf-8", "dvmdash-events.jsonl");
      events(ctx, res, since == null ? 0 : since, until, kind, null, null);
    }));
    router.get("/api/export/dvms.csv").handler(StatsRoutes.guard(ctx -> {
      Window w = window(ctx);
      HttpServerResponse res = start(ctx, "text/csv; charset=utf-8", "dvmdash-dvms-" + w.range() + ".csv");
      res.write(Csv.header(DVM_COLUMNS));
      dvms(ctx, res, w, 0);
    }));
    router.get("/api/export/kinds.csv").handler(StatsRoutes.guard(ctx -> {
      Window w = window(ctx);
      stats.kinds(w).onComplete(ar -> {
        if (ar.failed()) {
          Replies.fail(ctx, ar.cause());
          return;
        }
        HttpServerResponse res = start(ctx, "text/csv; charset=utf-8", "dvmdash-kinds-" + w.range() + ".csv");
        StringBuilder out = new StringBuilder(Csv.header(KIND_COLUMNS));
        JsonArray kinds = ar.result().getJsonArray("kinds");
        for (int i = 0; i < kinds.size(); i++) {
          out.append(Csv.line(kinds.getJsonObject(i), KIND_COLUMNS));
        }
        res.end(out.toString());
      });
    }));
  }

  private Window window(RoutingContext ctx) {
    return StatsRoutes.window(ctx, nowSeconds);
  }

  private static HttpServerResponse start(RoutingContext ctx, String type, String filename) {
    return ctx.response().setChunked(true).putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  }

  /** Writes one page of events after (afterTime, afterId), then the next once the client has taken it. */
  private void events(RoutingContext ctx, HttpServerResponse res, long since, Long until, Integer kind,
                      Long afterTime, String afterId) {
    raw.ascending(since, until, kind, afterTime, afterId, EVENT_PAGE).onComplete(ar -> {
      if (ar.failed()) {
        abort(ctx, res, ar.cause());
        return;
      }
      List<StoredEvent> page = ar.result();
      Buffer lines = Buffer.buffer(page.size() * 1024);
      for (StoredEvent e : page) {
        lines.appendString(EventWriter.toJson(e.event())).appendByte((byte) '\n');
      }
      if (page.size() < EVENT_PAGE) {
        res.end(lines);
        return;
      }
      StoredEvent last = page.get(page.size() - 1);
      continueWhenTaken(res, res.write(lines),
          () -> events(ctx, res, since, until, kind, last.event().createdAt(), last.id()));
    });
  }

  private void dvms(RoutingContext ctx, HttpServerResponse res, Window w, int offset) {
    stats.dvms(w, "job_results", DVM_PAGE, offset).onComplete(ar -> {
      if (ar.failed()) {
        abort(ctx, res, ar.cause());
        return;
      }
      JsonArray rows = ar.result().getJsonArray("dvms");
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < rows.size(); i++) {
        out.append(Csv.line(rows.getJsonObject(i), DVM_COLUMNS));
      }
      if (rows.size() < DVM_PAGE) {
        res.end(out.toString());
        return;
      }
      continueWhenTaken(res, res.write(out.toString()), () -> dvms(ctx, res, w, offset + DVM_PAGE));
    });
  }

  /** Runs {@code next} once the written data has left the queue (never while the client is not reading). */
  private static void continueWhenTaken(HttpServerResponse res, Future<Void> written, Runnable next) {
    if (res.closed()) {
      return;
    }
    if (res.writeQueueFull()) {
      res.drainHandler(v -> next.run());
    } else {
      written.onSuccess(v -> next.run());
    }
  }

  /** Before anything was sent: the usual JSON error; after: the transfer is cut, so the client sees it incomplete. */
  private static void abort(RoutingContext ctx, HttpServerResponse res, Throwable cause) {
    if (!res.headWritten()) {
      Replies.fail(ctx, cause);
    } else if (!res.closed()) {
      res.reset();
    }
  }
}
