package dvmdash.cluster;

import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends a collector micro-batch to the Redis stream as one entry, in one atomic script call (one round trip):
 *
 * <ol>
 *   <li>refuses ({@link QueueFullException}) when XLEN is at the high-water mark: nothing is ever trimmed unread;</li>
 *   <li>per event id {@code SET dedup:<id> 1 NX EX ttl}: the first collector to see an event puts the event in the
 *       entry, every later copy (another collector, another relay) only a sighting (id + relay);</li>
 *   <li>XADDs the entry; if that fails it deletes the dedup keys it just set, so a retry sends the full events.</li>
 * </ol>
 * Memory bound of the suppression: one key per distinct event id seen in the last {@code dedup_ttl_seconds}
 * (about 90 bytes each), i.e. event rate × TTL; an evicted or expired key only lets a copy through, which the
 * processors ignore (PostgreSQL skips applied ids, MongoDB upserts by id).
 */
public final class RedisEventQueue implements EventQueue {

  static final String SCRIPT = """
      local len = redis.call('XLEN', KEYS[1])
      if len >= tonumber(ARGV[1]) then
        return redis.error_reply('BACKPRESSURE stream length ' .. len)
      end
      local n = tonumber(ARGV[3])
      local parts = {}
      local set = {}
      for i = 1, n do
        if redis.call('SET', KEYS[i + 1], '1', 'NX', 'EX', ARGV[2]) then
          parts[#parts + 1] = ARGV[3 + i]
          set[#set + 1] = KEYS[i + 1]
        else
          parts[#parts + 1] = ARGV[3 + n + i]
        end
      end
      for i = 4 + 2 * n, #ARGV do
        parts[#parts + 1] = ARGV[i]
      end
      if #parts > 0 then
        local ok = redis.pcall('XADD', KEYS[1], '*', 'events', '[' .. table.concat(parts, ',') .. ']')
        if type(ok) == 'table' and ok.err then
          if #set > 0 then
            redis.call('DEL', unpack(set))
          end
          return ok
        end
      end
      return {#set, len + 1}""";

  private final Redis redis;
  private final QueueConfig cfg;
  private final String dedupPrefix;
  private volatile long lastLength;
  private volatile boolean full;
  private long appended;
  private long suppressed;

  public RedisEventQueue(Redis redis, QueueConfig cfg) {
    this.redis = redis;
    this.cfg = cfg;
    this.dedupPrefix = cfg.stream() + ":seen:";
  }

  @Override
  public Future<Void> append(List<ReceivedEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<ReceivedEvent> fullEvents = new ArrayList<>();
    List<ReceivedEvent> sightings = new ArrayList<>();
    for (ReceivedEvent r : events) {
      (r.isSighting() ? sightings : fullEvents).add(r);
    }
    Request req = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1 + fullEvents.size()).arg(cfg.stream());
    fullEvents.forEach(r -> req.arg(dedupPrefix + r.eventId()));
    req.arg(cfg.highWater()).arg(cfg.dedupTtlSeconds()).arg(fullEvents.size());
    fullEvents.forEach(r -> req.arg(StreamEntryCodec.full(r)));
    fullEvents.forEach(r -> req.arg(StreamEntryCodec.sighting(r)));
    sightings.forEach(r -> req.arg(StreamEntryCodec.sighting(r)));
    return redis.send(req)
        .recover(err -> {
          String msg = String.valueOf(err.getMessage());
          if (msg.contains("BACKPRESSURE")) {
            full = true;
            return Future.failedFuture(new QueueFullException(msg));
          }
          return Future.failedFuture(err);
        })
        .map(r -> appended(r, fullEvents.size()));
  }

  private Void appended(Response r, int offered) {
    long fresh = r.get(0).toLong();
    lastLength = r.get(1).toLong();
    full = false;
    appended += fresh;
    suppressed += offered - fresh;
    return null;
  }

  /** Stream length seen by the last append (entries). */
  public long lastLength() {
    return lastLength;
  }

  /** True while the last append was refused at the high-water mark. */
  public boolean full() {
    return full;
  }

  /** Events another collector had already queued, sent as sightings only. */
  public long suppressed() {
    return suppressed;
  }

  /** Full events appended (copies turned into sightings are not counted). */
  public long appended() {
    return appended;
  }
}
