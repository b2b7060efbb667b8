package dvmdash.cli;

import dvmdash.embedded.StoreResolver;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.store.StoredEvent;
import dvmdash.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dvmdash export [--since T] [--until T] [--kind K] [--out FILE]}: raw events as JSONL (NIP-01 objects, oldest
 * first), read in pages from the time index (each page resumes after the last event of the previous one), so the
 * export never holds the store in memory and each page costs the same however far into the history it is.
 */
public final class ExportCommand {

  private static final int PAGE = 5000;

  private ExportCommand() {
  }

  public static int run(JsonObject config, Long since, Long until, Integer kind, Path out) throws Exception {
    try (StoreResolver stores = StoreResolver.resolve(config)) {
      Vertx vertx = Vertx.vertx();
      Stores clients = Stores.connect(vertx, stores.config(), "export");
      PrintStream target = out == null ? System.out : new PrintStream(Files.newOutputStream(out), false,
          StandardCharsets.UTF_8);
      long written = 0;
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8))) {
        Long afterTime = null;
        String afterId = null;
        while (true) {
          List<StoredEvent> page = ImportCommand.await(clients.raw().ascending(since == null ? 0L : since, until,
              kind, afterTime, afterId, PAGE));
          for (StoredEvent e : page) {
            w.write(EventWriter.toJson(e.event()));
            w.newLine();
          }
          written += page.size();
          if (page.size() < PAGE) {
            break;
          }
          StoredEvent last = page.get(page.size() - 1);
          afterTime = last.event().createdAt();
          afterId = last.id();
        }
      } finally {
        ImportCommand.await(clients.close());
        ImportCommand.await(vertx.close());
      }
      System.err.printf("export: %d events%n", written);
      return 0;
    }
  }
}
