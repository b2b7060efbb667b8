package dvmdash.cli;

import dvmdash.embedded.StoreResolver;
import dvmdash.store.EventStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dvmdash export [--since T] [--until T] [--kind K] [--out FILE]}: raw events as JSONL (NIP-01 objects, oldest
 * first), read in pages so the export never holds the whole store in memory.
 */
public final class ExportCommand {

  private static final int PAGE = 5000;

  private ExportCommand() {
  }

  public static int run(JsonObject config, Long since, Long until, Integer kind, Path out) throws Exception {
    try (StoreResolver stores = StoreResolver.resolve(config)) {
      Vertx vertx = Vertx.vertx();
      JsonObject s = stores.config().getJsonObject("stores");
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", s.getString("mongo_uri"))
          .put("db_name", s.getString("mongo_db", "dvmdash")));
      PrintStream target = out == null ? System.out : new PrintStream(Files.newOutputStream(out), false,
          StandardCharsets.UTF_8);
      long written = 0;
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8))) {
        JsonObject range = new JsonObject().put("$gte", since == null ? 0L : since);
        if (until != null) {
          range.put("$lte", until);
        }
        JsonObject q = new JsonObject().put("created_at", range);
        if (kind != null) {
          q.put("kind", kind);
        }
        int skip = 0;
        while (true) {
          List<JsonObject> page = ImportCommand.await(mongo.findWithOptions(EventStore.COLLECTION, q,
              new FindOptions().setSort(new JsonObject().put("created_at", 1).put("_id", 1)).setSkip(skip)
                  .setLimit(PAGE)));
          for (JsonObject doc : page) {
            w.write(EventStore.eventOf(doc).encode());
            w.newLine();
          }
          written += page.size();
          skip += page.size();
          if (page.size() < PAGE) {
            break;
          }
        }
      } finally {
        mongo.close();
        ImportCommand.await(vertx.close());
      }
      System.err.printf("export: %d events%n", written);
      return 0;
    }
  }
}
