package dvmdash.cli;

import dvmdash.Node;
import dvmdash.collector.FrameHandler;
import dvmdash.collector.Outcome;
import dvmdash.collector.SubscriptionPlan;
import dvmdash.embedded.StoreResolver;
import dvmdash.metrics.ProcessorMetrics;
import dvmdash.processor.BatchPipeline;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.store.EventStore;
import dvmdash.store.RollupRepository;
import dvmdash.store.Stores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code dvmdash import FILE.jsonl}: one event per line, through the same checks as live events (each line is
 * handled as a relay EVENT frame from the pseudo-relay {@code import:FILE}), then the same batch pipeline. Existing
 * events change nothing; the summary counts accepted, new and rejected lines by reason.
 */
public final class ImportCommand {

  private static final int BATCH = 2000;

  private ImportCommand() {
  }

  public static int run(JsonObject config, Path file) throws Exception {
    if (!Files.isRegularFile(file)) {
      System.err.println("import: no such file " + file);
      return 2;
    }
    String source = "import:" + file.getFileName();
    JsonObject collector = config.getJsonObject("collector", new JsonObject()).copy()
        .put("relays", new JsonArray().add("ws://import.invalid"));
    CollectorConfig cc = CollectorConfig.fromJson(collector);
    FrameHandler frames = new FrameHandler(cc, SubscriptionPlan.initial(cc.excludedKinds(), cc.kindsPerFilter())
        .kindSet());
    try (StoreResolver stores = StoreResolver.resolve(config)) {
      Vertx vertx = Vertx.vertx();
      try {
        String pgUrl = stores.config().getJsonObject("stores").getString("pg_url");
        await(Node.migrate(vertx, pgUrl));
        Stores clients = Stores.connect(vertx, stores.config(), "import");
        EventStore events = new EventStore(clients.mongo());
        await(events.ensureIndexes());
        BatchPipeline pipeline = new BatchPipeline(events, new RollupRepository(clients.pg()),
            () -> vertx.executeBlocking(() -> {
              if (stores.embeddedMongo() != null) {
                stores.embeddedMongo().commit();
              }
              return null;
            }), new ProcessorMetrics(new SimpleMeterRegistry()));
        long lines = 0;
        long accepted = 0;
        long fresh = 0;
        Map<String, Long> rejected = new TreeMap<>();
        List<ReceivedEvent> batch = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            lines++;
            Outcome o = frames.handle(source, "[\"EVENT\",\"import\"," + line + "]", System.currentTimeMillis());
            if (o.type() == Outcome.Type.ACCEPTED) {
              accepted++;
              batch.add(o.received());
            } else if (o.type() == Outcome.Type.REJECTED) {
              rejected.merge(o.reason().label(), 1L, Long::sum);
            } else {
              rejected.merge("duplicate_in_file", 1L, Long::sum);
            }
            if (batch.size() >= BATCH) {
              fresh += await(pipeline.process(batch)).newEvents().size();
              batch = new ArrayList<>();
            }
          }
        }
        if (!batch.isEmpty()) {
          fresh += await(pipeline.process(batch)).newEvents().size();
        }
        System.out.printf("import %s: %d lines, %d valid, %d new to DVMDash, rejected %s%n", file, lines, accepted,
            fresh, rejected);
        await(clients.close());
        return 0;
      } finally {
        await(vertx.close());
      }
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
