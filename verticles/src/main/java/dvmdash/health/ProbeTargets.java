package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The DVMs to probe: the watched ones first, then, with {@code health.probe_recent_dvms}, every DVM seen in the last
 * 7 days (a result or feedback of it, a pong included, or a heartbeat; our own pings do not count), at most
 * {@link #MAX} in all. The recent list is refreshed by {@link #refresh}; all of them share the probe rate cap
 * ({@link ProbeSchedule}).
 */
public final class ProbeTargets {

  public static final int MAX = 10_000;
  public static final long RECENT_SECONDS = 7 * 86_400L;
  private static final String RECENT = """
      SELECT pubkey FROM dvms WHERE last_seen >= $1
      UNION SELECT dvm FROM dvm_health WHERE last_beat >= $1
      ORDER BY 1 LIMIT""" + " " + MAX;

  private final Pool pool;
  private final boolean recentOn;
  private final Supplier<List<String>> watched;
  private volatile List<String> recent = List.of();

  public ProbeTargets(Pool pool, boolean recentOn, Supplier<List<String>> watched) {
    this.pool = pool;
    this.recentOn = recentOn;
    this.watched = watched;
  }

  /** Fixed lists (tests). */
  static ProbeTargets of(List<String> watched, List<String> recent) {
    ProbeTargets t = new ProbeTargets(null, true, () -> watched);
    t.recent = List.copyOf(recent);
    return t;
  }

  public boolean recentOn() {
    return recentOn;
  }

  /** Reloads the DVMs seen in the 7 days before {@code now} (nothing when the option is off). */
  public Future<Integer> refresh(long now) {
    if (!recentOn || pool == null) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery(RECENT).execute(Tuple.of(now - RECENT_SECONDS)).map(rows -> {
      List<String> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(r.getString(0));
      }
      recent = out;
      return out.size();
    });
  }

  /** Watched first, then the recent ones not watched; at most {@link #MAX}. */
  public List<String> get() {
    Set<String> out = new LinkedHashSet<>(watched.get());
    for (String d : recent) {
      if (out.size() >= MAX) {
        break;
      }
      out.add(d);
    }
    return new ArrayList<>(out);
  }
}
