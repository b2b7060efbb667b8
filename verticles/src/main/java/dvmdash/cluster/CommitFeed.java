package dvmdash.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The summaries of committed batches (what the live stream shows) shared between nodes through the Redis stream
 * {@code <stream>:commits}, capped at about {@link #MAX_LENGTH} entries: it is a notification feed, not data (every
 * figure is in PostgreSQL), so trimming old entries loses nothing. Readers resume from the last id they saw, so a
 * short Redis outage or reconnect skips no summary that is still in the feed.
 */
public final class CommitFeed {

  static final int MAX_LENGTH = 1000;

  /** One summary and the node whose processor committed it. */
  public record Entry(String id, String origin, JsonObject batch) {
  }

  private final Redis redis;
  private final String key;

  public CommitFeed(Redis redis, String stream) {
    this.redis = redis;
    this.key = stream + ":commits";
  }

  public String key() {
    return key;
  }

  public Future<Void> append(String origin, JsonObject batch) {
    return redis.send(Request.cmd(Command.XADD).arg(key).arg("MAXLEN").arg("~").arg(MAX_LENGTH).arg("*")
        .arg("origin").arg(origin).arg("batch").arg(batch.encode())).mapEmpty();
  }

  /** The id of the newest entry, or "0-0" for an empty feed: where a new reader starts. */
  public Future<String> lastId() {
    return redis.send(Request.cmd(Command.XREVRANGE).arg(key).arg("+").arg("-").arg("COUNT").arg(1))
        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString());
  }

  /** Entries after {@code afterId}, waiting up to {@code blockMillis} for one. */
  public Future<List<Entry>> read(String afterId, long blockMillis, int count) {
    return redis.send(Request.cmd(Command.XREAD).arg("COUNT").arg(count).arg("BLOCK").arg(blockMillis)
        .arg("STREAMS").arg(key).arg(afterId)).map(CommitFeed::entries);
  }

  /** Orders stream ids ("ms-seq"); "$" (newest) sorts last. */
  static int compareIds(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.equals("$") || b.equals("$")) {
      return a.equals("$") ? 1 : -1;
    }
    String[] x = a.split("-");
    String[] y = b.split("-");
    int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    long xs = Long.parseLong(x.length > 1 ? x[1] : "0");
    long ys = Long.parseLong(y.length > 1 ? y[1] : "0");
    return c != 0 ? c : Long.compare(xs, ys);
  }

  static List<Entry> entries(Response reply) {
    List<Entry> out = new ArrayList<>();
    if (reply == null) {
      return out;
    }
    for (Response stream : reply) {
      for (Response entry : stream.get(1)) {
        String id = entry.get(0).toString();
        Response fields = entry.get(1);
        String origin = null;
        JsonObject batch = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          String name = fields.get(i).toString();
          if (name.equals("origin")) {
            origin = fields.get(i + 1).toString();
          } else if (name.equals("batch")) {
            try {
              batch = new JsonObject(fields.get(i + 1).toString());
            } catch (RuntimeException e) {
              batch = null;
            }
          }
        }
        if (origin != null && batch != null) {
          out.add(new Entry(id, origin, batch));
        }
      }
    }
    return out;
  }
}
