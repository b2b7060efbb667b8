package dvmdash.store;

import dvmdash.shared.nostr.AnnouncedRelays;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the announced relays of the announcements stored before schema version 24 ({@code announcements.relays} is
 * null there: not read yet) from their raw events in PostgreSQL, once, right after the schema upgrade, in pages of
 * {@value #PAGE}. An announcement whose raw event is not in PostgreSQL (raw events in MongoDB, or deleted by
 * retention) stays null, which the probes read as "none announced", until the DVM announces again.
 */
final class AnnouncedRelayBackfill {

  static final int PAGE = 500;

  private static final Logger log = LoggerFactory.getLogger(AnnouncedRelayBackfill.class);
  /**
   * The raw event's columns in {@link StoredRow#COLUMNS} order (0-7; its delivering relays are not needed), then the
   * announcement's key (8-11).
   */
  private static final String NEXT = """
      SELECT e.id, e.pubkey, e.created_at, e.kind, e.body, e.sig, e.first_seen, '{}'::text[],
             a.pubkey, a.kind, a.d, a.event_id
      FROM announcements a JOIN events e ON e.id = decode(a.event_id, 'hex')
      WHERE a.relays IS NULL ORDER BY a.pubkey, a.kind, a.d LIMIT""" + " " + PAGE;
  private static final String WRITE = """
      UPDATE announcements AS a SET relays = t.r::text[]
      FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(p, k, d, id, r)
      WHERE a.pubkey = t.p AND a.kind = t.k AND a.d = t.d AND a.event_id = t.id AND a.relays IS NULL""";

  private AnnouncedRelayBackfill() {
  }

  /** Resolves to the number of announcements whose relays were read (0 when there was nothing to do). */
  static Future<Long> run(Pool pool) {
    return page(pool, 0);
  }

  private static Future<Long> page(Pool pool, long done) {
    return pool.query(NEXT).execute().compose(rows -> {
      if (rows.size() == 0) {
        if (done > 0) {
          log.info("Read the announced relays of {} announcements stored before schema version 24", done);
        }
        return Future.succeededFuture(done);
      }
      int n = rows.size();
      String[] pubkeys = new String[n];
      Integer[] kinds = new Integer[n];
      String[] ds = new String[n];
      String[] ids = new String[n];
      String[] relays = new String[n];
      int i = 0;
      for (Row r : rows) {
        pubkeys[i] = r.getString(8);
        kinds[i] = r.getInteger(9);
        ds[i] = r.getString(10);
        ids[i] = r.getString(11);
        relays[i] = Columns.textArrayLiteral(AnnouncedRelays.of(StoredRow.read(r).event()));
        i++;
      }
      return pool.preparedQuery(WRITE).execute(Tuple.wrap(new ArrayList<>(List.of(pubkeys, kinds, ds, ids, relays))))
          .compose(v -> page(pool, done + n));
    });
  }
}
