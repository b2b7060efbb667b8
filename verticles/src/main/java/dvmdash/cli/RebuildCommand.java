package dvmdash.cli;

import dvmdash.embedded.StoreResolver;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.PgSchema;
import dvmdash.store.Retention;
import dvmdash.store.RollupRepository;
import dvmdash.store.StoredEvent;
import dvmdash.store.Stores;
import dvmdash.store.TierLayout;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dvmdash rebuild}: recomputes every rollup from the raw events (oldest first) into a fresh schema
 * ({@code rebuild}), then swaps it for {@code public} in one transaction (the old one is kept as
 * {@code public_before_rebuild_<time>}). Run it with the server stopped; it prints the all-time figures of both.
 * Refuses (exit 1, nothing changed) once retention has deleted raw events: they could not be recomputed.
 */
public final class RebuildCommand {

  private static final int PAGE = 5000;

  private RebuildCommand() {
  }

  public static int run(JsonObject config) throws Exception {
    try (StoreResolver stores = StoreResolver.resolve(config)) {
      Vertx vertx = Vertx.vertx();
      JsonObject s = stores.config().getJsonObject("stores");
      Pool admin = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(s.getString("pg_url"))).using(vertx).build();
      Pool fresh = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
          .connectingTo(PgConnectOptions.fromUri(s.getString("pg_url")).addProperty("search_path", "rebuild"))
          .using(vertx).build();
      Stores clients = Stores.connect(vertx, stores.config(), "rebuild");
      boolean rawInPg = clients.raw().sharesRollupTransaction();
      try {
        Long rawHorizon = ImportCommand.await(Retention.recordedRawHorizon(admin));
        if (rawHorizon != null) {
          System.err.printf("rebuild: refused: retention deleted the raw events older than %s (retention.raw_days),"
              + " so a rebuild from the raw events would lose them; the rollups are unchanged%n",
              java.time.Instant.ofEpochSecond(rawHorizon));
          return 1;
        }
        ImportCommand.await(admin.query("DROP SCHEMA IF EXISTS rebuild CASCADE").execute()
            .compose(v -> admin.query("CREATE SCHEMA rebuild").execute()));
        ImportCommand.await(PgSchema.migrate(fresh));
        // our own pings and synthetic jobs are not derived from events: copied without outcomes, so that the pongs,
        // results and feedback replayed below find them again
        ImportCommand.await(admin.query("INSERT INTO rebuild.health_probes (ping_id, dvm, sent_at)"
                + " SELECT ping_id, dvm, sent_at FROM public.health_probes").execute()
            .compose(v -> admin.query("INSERT INTO rebuild.health_jobs (request_id, dvm, kind, sent_at)"
                + " SELECT request_id, dvm, kind, sent_at FROM public.health_jobs").execute()));
        RollupRepository rollups = RollupRepository.forConfig(fresh, stores.config());
        long applied = 0;
        Long afterTime = null;
        String afterId = null;
        while (true) {
          List<StoredEvent> page = ImportCommand.await(clients.raw().ascending(0, null, null, afterTime, afterId,
              PAGE));
          List<NostrEvent> events = new ArrayList<>(page.size());
          for (StoredEvent e : page) {
            events.add(e.event());
          }
          applied += ImportCommand.await(rollups.apply(events)).newEvents().size();
          if (page.size() < PAGE) {
            break;
          }
          afterTime = page.get(page.size() - 1).event().createdAt();
          afterId = page.get(page.size() - 1).id();
        }
        ImportCommand.await(TierLayout.cluster(fresh));
        ImportCommand.await(fresh.query("ANALYZE").execute());
        JsonObject before = ImportCommand.await(admin.query("SELECT * FROM public.global_stats").execute())
            .iterator().next().toJson();
        JsonObject after = ImportCommand.await(fresh.query("SELECT * FROM rebuild.global_stats").execute())
            .iterator().next().toJson();
        String old = "public_before_rebuild_" + System.currentTimeMillis() / 1000;
        // Raw events in PostgreSQL stay what they are: the table moves into the new schema.
        ImportCommand.await(admin.withTransaction(c -> (rawInPg
            ? c.query("DROP TABLE rebuild.events").execute()
                .compose(v -> c.query("ALTER TABLE public.events SET SCHEMA rebuild").execute())
            : c.query("SELECT 1").execute())
            // the health watch list and maintenance windows are an operator's settings, not derived from events
            .compose(v -> c.query("INSERT INTO rebuild.health_watch SELECT * FROM public.health_watch"
                + " ON CONFLICT DO NOTHING").execute())
            .compose(v -> c.query("INSERT INTO rebuild.health_maintenance SELECT * FROM public.health_maintenance"
                + " ON CONFLICT DO NOTHING").execute())
            .compose(v -> c.query("SELECT setval(pg_get_serial_sequence('rebuild.health_maintenance', 'id'),"
                + " (SELECT coalesce(max(id), 0) + 1 FROM rebuild.health_maintenance), false)").execute())
            .compose(v -> c.query("ALTER SCHEMA public RENAME TO " + old).execute())
            .compose(v -> c.query("ALTER SCHEMA rebuild RENAME TO public").execute())));
        System.out.printf("rebuild: %d raw events applied; all-time figures before %s%n                after  %s%n"
            + "previous rollups kept in schema %s%n", applied, before.encode(), after.encode(), old);
        return 0;
      } finally {
        ImportCommand.await(clients.close());
        ImportCommand.await(fresh.close());
        ImportCommand.await(admin.close());
        ImportCommand.await(vertx.close());
      }
    }
  }
}
