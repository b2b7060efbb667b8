package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses the raw-event bodies that schema version 22 moved over uncompressed ({@link EventBody#UNTRIED}), once,
 * right after the schema upgrade: pages of {@value #PAGE} rows in id order (the partial index
 * {@code events_body_untried} finds them, so a start with nothing left to do costs one index probe), each page its own
 * statement, so an interrupted run goes on where it stopped at the next start. Afterwards the table is rewritten
 * ({@code VACUUM FULL}) to return the space of the old row versions.
 */
final class RawRowCompaction {

  static final int PAGE = 2000;

  private static final Logger log = LoggerFactory.getLogger(RawRowCompaction.class);
  private static final String COUNT = "SELECT count(*) FROM events WHERE get_byte(body, 0) = 0";
  private static final String NEXT = "SELECT id, body FROM events WHERE get_byte(body, 0) = 0 AND id > $1"
      + " ORDER BY id LIMIT " + PAGE;
  private static final String WRITE = """
      UPDATE events AS ev SET body = t.b FROM unnest($1::bytea[], $2::bytea[]) AS t(id, b)
      WHERE ev.id = t.id AND get_byte(ev.body, 0) = 0""";

  private RawRowCompaction() {
  }

  /** Resolves to the number of rows compressed (0 when there was nothing to do). */
  static Future<Long> run(Pool pool) {
    return pool.query(COUNT).execute().compose(rows -> {
      long total = rows.iterator().next().getLong(0);
      if (total == 0) {
        return Future.succeededFuture(0L);
      }
      log.info("Compressing {} stored raw events written before schema version 22 (once)", total);
      return page(pool, Buffer.buffer(), 0, total)
          .compose(done -> pool.query("VACUUM (FULL, ANALYZE) events").execute()
              .map(v -> {
                log.info("Compressed {} stored raw events", done);
                return done;
              }));
    });
  }

  private static Future<Long> page(Pool pool, Buffer after, long done, long total) {
    return pool.preparedQuery(NEXT).execute(Tuple.of(after)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(done);
      }
      List<Buffer> ids = new ArrayList<>(rows.size());
      List<Buffer> bodies = new ArrayList<>(rows.size());
      for (Row r : rows) {
        ids.add(r.getBuffer(0));
        EventBody.Parts parts = EventBody.decode(r.getBuffer(1).getBytes());
        bodies.add(Buffer.buffer(EventBody.encode(parts.tagsJson(), parts.contentJson())));
      }
      Buffer last = ids.get(ids.size() - 1);
      long now = done + rows.size();
      return pool.preparedQuery(WRITE).execute(Tuple.wrap(List.of(ids.toArray(Buffer[]::new), bodies.toArray(Buffer[]::new))))
          .compose(v -> {
            if (now / 100_000 != done / 100_000) {
              log.info("Compressed {} of {} stored raw events", now, total);
            }
            return page(pool, last, now, total);
          });
    });
  }
}
