package dvmdash.collector;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared relay cursors in the Redis hash {@code <stream>:cursors} (field = relay URL, value = created_at), raised
 * with a max-merge script so that a slower collector can never move a cursor back. Bounded by the number of relays.
 */
public final class RedisCursorMirror implements CursorMirror {

  private static final String MAX_MERGE = """
      for i = 1, #ARGV, 2 do
        local cur = redis.call('HGET', KEYS[1], ARGV[i])
        if not cur or tonumber(cur) < tonumber(ARGV[i + 1]) then
          redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
        end
      end
      return 1""";

  private final Redis redis;
  private final String key;

  public RedisCursorMirror(Redis redis, String stream) {
    this.redis = redis;
    this.key = stream + ":cursors";
  }

  @Override
  public Future<Map<String, Long>> read() {
    return redis.send(Request.cmd(Command.HGETALL).arg(key)).map(RedisCursorMirror::parse);
  }

  static Map<String, Long> parse(Response r) {
    Map<String, Long> out = new HashMap<>();
    if (r == null) {
      return out;
    }
    if (r.isMap()) {
      for (String relay : r.getKeys()) {
        put(out, relay, r.get(relay).toString());
      }
    } else {
      for (int i = 0; i + 1 < r.size(); i += 2) {
        put(out, r.get(i).toString(), r.get(i + 1).toString());
      }
    }
    return out;
  }

  private static void put(Map<String, Long> out, String relay, String value) {
    try {
      out.put(relay, Long.parseLong(value));
    } catch (NumberFormatException e) {
      // a foreign value: ignored, the collector falls back to its own cursor
    }
  }

  @Override
  public Future<Void> write(Map<String, Long> cursors) {
    if (cursors.isEmpty()) {
      return Future.succeededFuture();
    }
    Request eval = Request.cmd(Command.EVAL).arg(MAX_MERGE).arg(1).arg(key);
    cursors.forEach((relay, at) -> eval.arg(relay).arg(at));
    return redis.send(eval).mapEmpty();
  }
}
