package dvmdash.collector;

import dvmdash.shared.Addresses;
import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring: runs the {@link RelayCollectorVerticle} of a single-collector node and redeploys it when an operator
 * changes the relay list ({@link Addresses#ADMIN_SET_RELAYS}), without restarting the JVM. The list is kept in
 * {@code relays.json} beside the cursors so that it survives restarts. Undeploying flushes the cursors; events sent
 * but not yet committed are fetched again after the redeploy, so nothing is lost.
 */
public final class CollectorSupervisorVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CollectorSupervisorVerticle.class);

  private RelayListStore store;
  private JsonObject collectorConfig;
  private String childId;
  private Future<?> changing = Future.succeededFuture();

  @Override
  public Future<?> start() {
    collectorConfig = config().copy();
    store = new RelayListStore(vertx, Path.of(collectorConfig.getString("cursor_file")).resolveSibling("relays.json"));
    return store.load().compose(saved -> {
      if (saved != null) {
        collectorConfig.put("relays", saved);
        log.info("Using the relay list saved by an operator: {}", saved);
      }
      return vertx.eventBus().<JsonArray>consumer(Addresses.ADMIN_SET_RELAYS, msg -> {
        changing = changing.transform(ar -> apply(msg.body())
            .onSuccess(v -> msg.reply(collectorConfig.getJsonArray("relays")))
            .onFailure(err -> msg.fail(400, err.getMessage())));
      }).completion();
    }).compose(v -> deployChild());
  }

  private Future<Void> apply(JsonArray relays) {
    JsonObject next = collectorConfig.copy().put("relays", relays);
    try {
      CollectorConfig.fromJson(next);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    log.info("Relay list changed to {}; redeploying the collector", relays);
    Future<Void> undeploy = childId == null ? Future.succeededFuture() : vertx.undeploy(childId);
    return undeploy.compose(v -> {
      collectorConfig = next;
      return store.save(relays);
    }).compose(v -> deployChild()).mapEmpty();
  }

  private Future<String> deployChild() {
    return vertx.deployVerticle(new RelayCollectorVerticle(), new DeploymentOptions().setConfig(collectorConfig))
        .onSuccess(id -> childId = id);
  }
}
