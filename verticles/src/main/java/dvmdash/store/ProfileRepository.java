package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;

/**
 * Reads the cached kind 0 profiles (table {@code profiles}: the latest kind 0 per pubkey, written by the batch
 * rollups like every other event, whoever the author). The display name of a requester comes from here; a DVM's from
 * {@code dvm_profiles} (its announcement first).
 */
public final class ProfileRepository {

  /** Profiles looked up per call at most (a job list page holds up to 500 rows). */
  public static final int MAX_PUBKEYS = 500;
  private static final String BY_PUBKEYS = """
      SELECT pubkey, name, picture FROM profiles
      WHERE pubkey = ANY($1::text[]) AND (name IS NOT NULL OR picture IS NOT NULL)""";

  private final Pool pool;

  public ProfileRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * {pubkey: {name, picture}} for those of {@code pubkeys} (the first {@value #MAX_PUBKEYS}) with a profile that has a
   * name or a picture; the others are absent.
   */
  public Future<JsonObject> namesOf(Collection<String> pubkeys) {
    if (pubkeys.isEmpty()) {
      return Future.succeededFuture(new JsonObject());
    }
    String[] keys = pubkeys.stream().limit(MAX_PUBKEYS).toArray(String[]::new);
    return pool.preparedQuery(BY_PUBKEYS).execute(Tuple.of(keys)).map(rows -> {
      JsonObject out = new JsonObject();
      for (Row r : rows) {
        out.put(r.getString("pubkey"), new JsonObject().put("name", r.getString("name"))
            .put("picture", r.getString("picture")));
      }
      return out;
    });
  }
}
