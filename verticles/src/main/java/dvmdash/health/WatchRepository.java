package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The watch list edited through the admin API ({@code health_watch}), at most {@link WatchList#MAX} with the config's. */
public final class WatchRepository {

  /** Outcome of an edit. */
  public enum Edit { DONE, FULL, UNKNOWN }

  private final Pool pool;
  private final WatchList configured;

  public WatchRepository(Pool pool, WatchList configured) {
    this.pool = pool;
    this.configured = configured;
  }

  /** Configured pubkeys first, then the table's by time added. */
  public Future<List<String>> all() {
    return pool.query("SELECT pubkey FROM health_watch ORDER BY added_at, pubkey").execute().map(rows -> {
      Set<String> out = new LinkedHashSet<>(configured.pubkeys());
      for (Row r : rows) {
        out.add(r.getString(0));
      }
      return new ArrayList<>(out);
    });
  }

  public boolean isConfigured(String pubkey) {
    return configured.pubkeys().contains(pubkey);
  }

  /** Adds (idempotent); FULL when the list already holds {@link WatchList#MAX} DVMs. */
  public Future<Edit> add(String pubkey, long now) {
    return all().compose(list -> {
      if (list.contains(pubkey)) {
        return Future.succeededFuture(Edit.DONE);
      }
      if (list.size() >= WatchList.MAX) {
        return Future.succeededFuture(Edit.FULL);
      }
      return pool.preparedQuery("INSERT INTO health_watch (pubkey, added_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
          .execute(Tuple.of(pubkey, now)).map(Edit.DONE);
    });
  }

  /** Removes a DVM added through the API; UNKNOWN when it is not in the table. */
  public Future<Edit> remove(String pubkey) {
    return pool.preparedQuery("DELETE FROM health_watch WHERE pubkey = $1").execute(Tuple.of(pubkey))
        .map(rows -> rows.rowCount() == 0 ? Edit.UNKNOWN : Edit.DONE);
  }
}
