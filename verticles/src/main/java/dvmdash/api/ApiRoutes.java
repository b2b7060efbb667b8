package dvmdash.api;

import dvmdash.health.HealthRepository;
import dvmdash.health.MaintenanceRepository;
import dvmdash.health.WatchList;
import dvmdash.health.WatchRepository;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.store.JobStatusRepository;
import dvmdash.store.ProfileRepository;
import dvmdash.store.StatsAnswers;
import dvmdash.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every route of the API node except the dashboard's files, mounted from the dependencies the verticle built, in the
 * order the conventions ask: the HEAD mapping and error replies, the {@code /api/*} endpoints, the JSON 404 of
 * unknown {@code /api/} paths, then {@code /health}, {@code /ready} and {@code /metrics}. The dashboard (and the
 * security headers before everything) are the caller's, so they stay in one place of its wiring.
 *
 * @param config the API verticle's config: {@code admin.token}, the watch list, {@code collector.excluded_kinds}
 * @param relayEditor where operator edits of the relay list go
 */
public record ApiRoutes(Vertx vertx, JsonObject config, Stores stores, StatsAnswers stats, StreamHandler stream,
                        AnswerCache answers, ClientAddress addresses, OwnerLoop owner, RelayDirectory relays,
                        RelayListEditor relayEditor, DependencyChecks checks, LongSupplier nowSeconds) {

  public void mount(Router router) {
    router.route().method(HttpMethod.HEAD).handler(new HeadAsGet("/api/stream"));
    router.errorHandler(413, ctx -> Replies.error(ctx, 413, "request body too large"));
    router.errorHandler(500, ctx -> Replies.fail(ctx, ctx.failure() == null
        ? new IllegalStateException("internal error") : ctx.failure()));
    new StatsRoutes(stats, nowSeconds, answers).mount(router);
    RequesterNames names = new RequesterNames(vertx, new ProfileRepository(stores.pg()));
    new EventRoutes(vertx, stores.raw(), owner, names).mount(router);
    new ExportRoutes(stores.raw(), stats, nowSeconds).mount(router);
    new JobRoutes(stores.raw(), new JobStatusRepository(stores.pg()), answers, nowSeconds, names).mount(router);
    HealthRepository health = new HealthRepository(stores.pg());
    WatchRepository watch = new WatchRepository(stores.pg(), WatchList.fromJson(config));
    new HealthRoutes(health, watch, nowSeconds).mount(router);
    new BadgeRoutes(health, nowSeconds).mount(router);
    router.get("/api/relays").handler(ctx -> relays.relays()
        .onSuccess(list -> Replies.json(ctx, new JsonObject().put("relays", RelayDirectory.redacted(list))))
        .onFailure(err -> Replies.json(ctx, new JsonObject().put("relays", new JsonArray())
            .put("note", "relay list unavailable: " + err.getMessage()))));
    router.get("/api/stream").handler(owner.confine(stream));
    new PlaygroundRoutes(vertx, nowSeconds, excludedKinds(config), addresses, owner).mount(router);
    new AdminRoutes(relays, relayEditor, adminToken(config), owner).mount(router);
    new WatchRoutes(watch, nowSeconds).mount(router);
    new MaintenanceRoutes(new MaintenanceRepository(stores.pg()), nowSeconds).mount(router);
    router.route("/api/*").handler(new ApiFallback(router));
    OpsRoutes.mount(vertx, router, checks);
  }

  /** The operator token of {@code admin.token}, or null (admin routes refused). */
  public static String adminToken(JsonObject config) {
    return config.getJsonObject("admin", new JsonObject()).getString("token");
  }

  /** The kinds the playground refuses to publish: the collector's {@code excluded_kinds}, parsed by its config. */
  static Set<Integer> excludedKinds(JsonObject config) {
    return CollectorConfig.excludedKinds(config.getJsonObject("collector", new JsonObject()));
  }
}
