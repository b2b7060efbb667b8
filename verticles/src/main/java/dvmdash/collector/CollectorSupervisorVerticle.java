package dvmdash.collector;

import dvmdash.shared.Addresses;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.RelayUrls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring: runs the {@link RelayCollectorVerticle} of a single-collector node (no etcd) and redeploys it when an
 * operator edits the relay list ({@link Addresses#ADMIN_EDIT_RELAYS}: add, remove, mark high/normal), without
 * restarting the JVM; answers {@link Addresses#ADMIN_LIST_RELAYS}. The list with its marks is kept in
 * {@code relays.json} beside the cursors so that it survives restarts. Edits are applied one after the other.
 * Undeploying flushes the cursors; events sent but not yet committed are fetched again after the redeploy, so nothing
 * is lost.
 */
public final class CollectorSupervisorVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CollectorSupervisorVerticle.class);

  private RelayListStore store;
  private JsonObject collectorConfig;
  private RelayList relays;
  private String childId;
  private Future<?> changing = Future.succeededFuture();

  @Override
  public Future<?> start() {
    collectorConfig = config().copy();
    relays = RelayList.fromJson(collectorConfig.getJsonArray(CollectorConfig.RELAYS, new JsonArray()));
    Path dir = Path.of(collectorConfig.getString("cursor_file")).toAbsolutePath().getParent();
    store = new RelayListStore(vertx, dir.resolve("relays.json"));
    RelayListStore configured = new RelayListStore(vertx, dir.resolve("relays.config.json"));
    RelayList fromConfig = relays;
    return Future.all(store.load(), configured.load()).compose(loaded -> {
      RelayList saved = loaded.resultAt(0);
      RelayList lastConfig = loaded.resultAt(1);
      if (saved != null && (lastConfig == null || lastConfig.urls().equals(fromConfig.urls()))) {
        relays = saved;
        log.info("Using the relay list saved by an operator: {}", RelayUrls.redactAll(saved.urls()));
      } else if (saved != null) {
        relays = keepMarks(fromConfig, saved);
        log.info("The configured relays changed since the operator's last edit; using them: {}",
            RelayUrls.redactAll(relays.urls()));
      }
      return configured.save(fromConfig).compose(v -> saved != null && relays != saved ? store.save(relays)
          : Future.succeededFuture());
    }).compose(ready -> {
      Future<Void> edits = vertx.eventBus().<JsonObject>consumer(Addresses.ADMIN_EDIT_RELAYS, msg -> {
        changing = changing.transform(ar -> {
          RelayEdit edit;
          RelayList next;
          try {
            edit = RelayEdit.fromJson(msg.body());
            next = edit.apply(relays);
          } catch (NoSuchElementException e) {
            msg.fail(404, e.getMessage());
            return Future.succeededFuture();
          } catch (IllegalArgumentException e) {
            msg.fail(400, e.getMessage());
            return Future.succeededFuture();
          }
          return apply(next)
              .onSuccess(v -> msg.reply(relays.toJson()))
              .onFailure(err -> msg.fail(err instanceof IllegalArgumentException ? 400 : 500, err.getMessage()));
        });
      }).completion();
      Future<Void> list = vertx.eventBus().consumer(Addresses.ADMIN_LIST_RELAYS, msg -> msg.reply(relays.toJson()))
          .completion();
      return Future.all(edits, list);
    }).compose(v -> deployChild(childConfig(relays)));
  }

  /**
   * The configured list with the activity marks an operator gave to the same URLs: the latest action wins (an edit
   * of the config file's relays after an admin edit replaces the list, but keeps marks of relays still in it).
   */
  static RelayList keepMarks(RelayList configured, RelayList saved) {
    RelayList out = configured;
    for (String url : saved.highUrls()) {
      if (configured.urls().contains(url)) {
        out = out.marked(url, RelayEntry.Activity.HIGH);
      }
    }
    return out;
  }

  /** The collector verticle's config for a list: its URLs, and those marked high ({@code high_activity_relays}). */
  static JsonObject childConfig(JsonObject collectorConfig, RelayList list) {
    return collectorConfig.copy()
        .put(CollectorConfig.RELAYS, new JsonArray(list.urls()))
        .put(RelayCollectorVerticle.HIGH_ACTIVITY_RELAYS, new JsonArray(list.highUrls()));
  }

  private JsonObject childConfig(RelayList list) {
    return childConfig(collectorConfig, list);
  }

  private Future<Void> apply(RelayList next) {
    if (next.equals(relays)) {
      return Future.succeededFuture();
    }
    JsonObject cfg = childConfig(next);
    try {
      CollectorConfig.fromJson(cfg);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    log.info("Relay list changed to {}; redeploying the collector", RelayUrls.redactAll(next.urls()));
    Future<Void> undeploy = childId == null ? Future.succeededFuture() : vertx.undeploy(childId);
    return undeploy.compose(v -> {
      childId = null;
      relays = next;
      return store.save(next);
    }).compose(v -> deployChild(cfg)).mapEmpty();
  }

  private Future<String> deployChild(JsonObject cfg) {
    return vertx.deployVerticle(new RelayCollectorVerticle(), new DeploymentOptions().setConfig(cfg))
        .onSuccess(id -> childId = id);
  }
}
