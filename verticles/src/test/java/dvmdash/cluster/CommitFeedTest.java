package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.servers.RedisProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit feed on a real redis-server: order, origin, resume after an id, and stream id ordering. */
class CommitFeedTest {

  @TempDir
  Path dir;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void readersGetEverySummaryAfterTheirLastIdWithItsOrigin() throws Exception {
    try (RedisProcess server = RedisProcess.start(dir.resolve("redis"))) {
      Vertx vertx = Vertx.vertx();
      try {
        CommitFeed feed = new CommitFeed(Redis.createClient(vertx, server.url()), "t");
        assertEquals("0-0", await(feed.lastId()));
        await(feed.append("node-a", new JsonObject().put("new_events", 1)));
        String afterFirst = await(feed.lastId());
        await(feed.append("node-b", new JsonObject().put("new_events", 2)));
        List<CommitFeed.Entry> all = await(feed.read("0-0", 100, 10));
        assertEquals(List.of("node-a", "node-b"), all.stream().map(CommitFeed.Entry::origin).toList());
        List<CommitFeed.Entry> rest = await(feed.read(afterFirst, 100, 10));
        assertEquals(1, rest.size());
        assertEquals(2, rest.get(0).batch().getInteger("new_events"));
        assertTrue(await(feed.read(rest.get(0).id(), 100, 10)).isEmpty(), "nothing new: the block times out");
      } finally {
        await(vertx.close());
      }
    }
  }

  @Test
  void streamIdsCompareByTimeThenSequence() {
    assertTrue(CommitFeed.compareIds("1700000000000-5", "1700000000001-0") < 0);
    assertTrue(CommitFeed.compareIds("1700000000000-10", "1700000000000-9") > 0);
    assertEquals(0, CommitFeed.compareIds("5-1", "5-1"));
    assertTrue(CommitFeed.compareIds("$", "9999999999999-0") > 0);
    assertTrue(CommitFeed.compareIds("0-0", "$") < 0);
  }
}
