package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.servers.RedisProcess;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import dvmdash.truth.TruthCalculator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live stream of an API-only node shows the jobs committed by a processor on another node (through Redis):
 * every request, feedback and result the simulator published arrives exactly once; and the node's shared stats and
 * job debugger answers follow those commits (its clock stands still, so only the commits can renew them).
 */
class LiveAcrossNodesIT {

  @TempDir
  Path dir;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  @Test
  void anApiOnlyNodeStreamsTheJobsOfAnotherNodesProcessor() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
    closing.add(redis);
    EmbeddedMongoServer mongo = TestNode.memoryMongo();
    closing.add(mongo);
    String pg = TestPostgres.freshDatabase();
    Vertx simVertx = Vertx.vertx();
    closing.add(() -> simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    SimHandle sim = Simulator.start(simVertx, new SimulationPlan(5, 10, 5, 80, 86_400, 0.0),
        List.of(SimRelayOptions.onPort(0)), now).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    JsonObject redisCfg = new JsonObject().put("url", redis.url());
    JsonObject apiCfg = TestNode.config(pg, mongo.uri(), sim.urls(), dir.resolve("api"))
        .put("role", "api").put("redis", redisCfg.copy());
    TestNode api = TestNode.start(apiCfg, now);
    closing.add(api);
    assertEquals(0L, api.getOk("/api/stats/global?range=all").getLong("job_requests"), "nothing committed yet");
    assertEquals(0L, api.getOk("/api/stats/global?range=all").getLong("job_requests"), "the same answer, shared");
    String job = sim.truth().validEvents().stream().filter(e -> Classifier.classify(e.kind()) == EventClass.REQUEST)
        .findFirst().orElseThrow().id();
    assertEquals(404, api.get("/api/jobs/" + job).status(), "a job not committed yet");
    assertEquals(404, api.get("/api/jobs/" + job).status(), "the same answer, shared");

    Map<String, Integer> seen = new HashMap<>();
    StringBuilder text = new StringBuilder();
    HttpClientResponse stream = api.vertx.createHttpClient()
        .request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(api.port)
            .setURI("/api/stream"))
        .compose(req -> req.send()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    stream.handler(buf -> {
      synchronized (text) {
        text.append(buf.toString());
        int end;
        while ((end = text.indexOf("\n\n")) >= 0) {
          String frame = text.substring(0, end);
          text.delete(0, end + 2);
          if (frame.contains("event: job\n")) {
            String data = frame.substring(frame.indexOf("data: ") + 6);
            seen.merge(new JsonObject(data).getString("id"), 1, Integer::sum);
          }
        }
      }
    });

    JsonObject workerCfg = TestNode.config(pg, mongo.uri(), sim.urls(), dir.resolve("worker"))
        .put("role", "collector,processor").put("redis", redisCfg.copy());
    // batches stay below the live feed's cap of jobs per batch (CommitAnnouncer.MAX_JOBS), so every job is announced
    workerCfg.getJsonObject("processor").put("batch_size", 100);
    workerCfg.getJsonObject("collector").put("batch_events", 50);
    closing.add(TestNode.start(workerCfg, now));

    Map<String, Integer> expected = new TreeMap<>();
    for (NostrEvent e : sim.truth().validEvents()) {
      EventClass c = Classifier.classify(e.kind());
      if (c == EventClass.REQUEST || c == EventClass.RESULT || c == EventClass.FEEDBACK) {
        expected.put(e.id(), 1);
      }
    }
    try {
      TestNode.await(expected.size() + " jobs on the API node's stream", 120, () -> {
        synchronized (text) {
          return seen.size() >= expected.size();
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": saw " + seen.size() + ", API node counts "
          + api.getOk("/api/stats/global?range=all").encode(), e);
    }
    Thread.sleep(500);
    synchronized (text) {
      assertEquals(expected, new TreeMap<>(seen), "each job event exactly once");
    }
    JsonObject truth = new TruthCalculator(sim.truth().validEvents(), now).global("all");
    TestNode.await("the API node's shared answer to follow the other node's commits", 30, () -> {
      try {
        JsonAssert.assertSubset("global", truth, api.getOk("/api/stats/global?range=all"));
        return true;
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    JsonAssert.assertSubset("the API node's shared answer after the other node's commits", truth,
        api.getOk("/api/stats/global?range=all"));
    assertEquals(job, api.getOk("/api/jobs/" + job).getJsonObject("request").getString("id"),
        "the job debugger's shared answer after the other node's commits");
  }
}
