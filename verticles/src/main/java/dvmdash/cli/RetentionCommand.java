package dvmdash.cli;

import dvmdash.embedded.StoreResolver;
import dvmdash.shared.config.RetentionConfig;
import dvmdash.store.Retention;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code dvmdash retention}: one retention run now with the configured {@code retention} settings (defaults when the
 * section is absent: raw events kept, per-minute rows deleted after 45 days; the hour and day rows keep the figures).
 * Prints what it removed.
 */
public final class RetentionCommand {

  private RetentionCommand() {
  }

  public static int run(JsonObject config) throws Exception {
    RetentionConfig cfg = RetentionConfig.fromJson(config);
    try (StoreResolver stores = StoreResolver.resolve(config)) {
      Vertx vertx = Vertx.vertx();
      try {
        IngestSession.migrate(vertx, stores.config().getJsonObject("stores").getString("pg_url"));
        Stores clients = Stores.connect(vertx, stores.config(), "retention");
        try {
          Retention retention = new Retention(clients.pg(), clients.raw(), cfg, Future::succeededFuture);
          Retention.Result r = ImportCommand.await(retention.run(System.currentTimeMillis() / 1000));
          if (r.skipped()) {
            System.err.println("retention: another retention run holds the lock; nothing done");
            return 1;
          }
          System.out.println("retention: " + r.toJson().encode());
          return 0;
        } finally {
          ImportCommand.await(clients.close());
        }
      } finally {
        ImportCommand.await(vertx.close());
      }
    }
  }
}
