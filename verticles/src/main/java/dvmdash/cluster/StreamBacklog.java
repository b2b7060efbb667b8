package dvmdash.cluster;

import dvmdash.shared.config.QueueConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The Redis stream's backlog as the processors' consumer group sees it, polled (on a timer, never per event) with
 * XLEN, XINFO GROUPS and XRANGE - + COUNT 1: entries in the stream (processed entries are deleted, so this is the
 * unprocessed backlog), entries delivered to a processor and not yet acknowledged (pending), entries not yet
 * delivered to any processor (lag, Redis 7+), and the age of the oldest entry (from its id's millisecond part).
 * Values are read by the metrics scrape from another thread, hence volatile; -1 means not known yet.
 */
public final class StreamBacklog {

  private final Redis redis;
  private final QueueConfig cfg;
  private final LongSupplier nowMillis;
  private volatile long entries = -1;
  private volatile long pending = -1;
  private volatile long lag = -1;
  private volatile double oldestAgeSeconds = -1;
  private volatile long pollErrors;

  public StreamBacklog(Redis redis, QueueConfig cfg, LongSupplier nowMillis) {
    this.redis = redis;
    this.cfg = cfg;
    this.nowMillis = nowMillis;
  }

  /** One poll; a failure is counted and leaves the last values in place. */
  public Future<Void> poll() {
    return redis.batch(List.of(
            Request.cmd(Command.XLEN).arg(cfg.stream()),
            Request.cmd(Command.XINFO).arg("GROUPS").arg(cfg.stream()),
            Request.cmd(Command.XRANGE).arg(cfg.stream()).arg("-").arg("+").arg("COUNT").arg(1)))
        .<Void>map(replies -> {
          entries = replies.get(0).toLong();
          long[] group = group(replies.get(1), cfg.group());
          pending = group[0];
          lag = group[1];
          String oldest = oldestId(replies.get(2));
          oldestAgeSeconds = oldest == null ? 0 : ageSeconds(oldest, nowMillis.getAsLong());
          return null;
        })
        .onFailure(err -> pollErrors++);
  }

  /** {pending, lag} of {@code group} in an XINFO GROUPS reply (RESP2: list of flat key/value lists); -1 if absent. */
  static long[] group(Response groups, String group) {
    long[] out = {-1, -1};
    for (int i = 0; groups != null && i < groups.size(); i++) {
      Response g = groups.get(i);
      String name = null;
      Long p = null;
      Long l = null;
      for (int j = 0; g != null && j + 1 < g.size(); j += 2) {
        String key = g.get(j).toString();
        Response v = g.get(j + 1);
        switch (key) {
          case "name" -> name = v == null ? null : v.toString();
          case "pending" -> p = v == null ? null : v.toLong();
          case "lag" -> l = v == null ? null : v.toLong();
          default -> {
          }
        }
      }
      if (group.equals(name)) {
        out[0] = p == null ? -1 : p;
        out[1] = l == null ? -1 : l;
      }
    }
    return out;
  }

  /** The id of the first entry of an XRANGE reply, or null for an empty stream. */
  static String oldestId(Response range) {
    if (range == null || range.size() == 0 || range.get(0) == null || range.get(0).size() == 0) {
      return null;
    }
    return range.get(0).get(0).toString();
  }

  /** Seconds between the time part of stream id {@code id} ({@code <ms>-<seq>}) and {@code nowMillis}, at least 0. */
  static double ageSeconds(String id, long nowMillis) {
    int dash = id.indexOf('-');
    long ms = Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    return Math.max(0, nowMillis - ms) / 1000.0;
  }

  public long entries() {
    return entries;
  }

  public long pending() {
    return pending;
  }

  public long lag() {
    return lag;
  }

  public double oldestAgeSeconds() {
    return oldestAgeSeconds;
  }

  public long pollErrors() {
    return pollErrors;
  }
}
