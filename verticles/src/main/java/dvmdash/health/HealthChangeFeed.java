package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * State changes as the evaluators wrote them, in write order ({@code health_changes.seq}, indexed): API nodes that run
 * no evaluator follow it to put other nodes' changes on their stream. Re-decided changes are written again and so
 * read again; the caller announces only recent ones, as the evaluator does.
 */
public final class HealthChangeFeed {

  private static final String LAST = "SELECT coalesce(max(seq), 0) FROM health_changes";
  private static final String AFTER = """
      SELECT seq, dvm, at, state, previous, cause FROM health_changes WHERE seq > $1 ORDER BY seq LIMIT 200""";

  /** Changes read and the position to continue from. */
  public record Page(List<JsonObject> changes, long last) {
  }

  private final Pool pool;

  public HealthChangeFeed(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> last() {
    return pool.query(LAST).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Up to 200 changes written after {@code seq}, as {pubkey, at, state, previous, cause}. */
  public Future<Page> after(long seq) {
    return pool.preparedQuery(AFTER).execute(Tuple.of(seq)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      long last = seq;
      for (Row r : rows) {
        last = r.getLong(0);
        out.add(new JsonObject().put("pubkey", r.getString(1)).put("at", r.getLong(2)).put("state", r.getString(3))
            .put("previous", r.getString(4)).put("cause", r.getString(5)));
      }
      return new Page(out, last);
    });
  }
}
