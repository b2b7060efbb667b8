package dvmdash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.reload.ConfigSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NodeTest {

  @Test
  @Timeout(60)
  void aStartThatFailsReportsItsCauseOnceTheNodeHasStopped() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    JsonObject config = ConfigSource.local(null);
    config.getJsonObject("stores").put("pg_url", "postgresql://dvmdash@127.0.0.1:" + closedPort + "/dvmdash");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> Node.start(config, new LaunchOptions(null, false, 0)).toCompletionStage().toCompletableFuture()
            .get(50, TimeUnit.SECONDS));
    // reported once the node has stopped: the answer does not depend on the node's Vert.x, closed by then
    assertInstanceOf(ConnectException.class, rootCause(e), "the schema step fails: nothing listens there");
  }

  @Test
  void theNodePinsItsStoresAndTheDemoRelay() {
    UnaryOperator<JsonObject> pin = Node.pinning(new JsonObject().put("pg_url", "postgresql://local/x"),
        "ws://127.0.0.1:7000");
    JsonObject next = pin.apply(new JsonObject()
        .put("stores", new JsonObject().put("pg_url", "postgresql://elsewhere/y"))
        .put("collector", new JsonObject().put("relays", new JsonArray().add("wss://r.example"))
            .put("batch_size", 5)));
    assertEquals("postgresql://local/x", next.getJsonObject("stores").getString("pg_url"));
    assertEquals(new JsonArray().add("ws://127.0.0.1:7000"), next.getJsonObject("collector").getJsonArray("relays"));
    assertTrue(next.getJsonObject("collector").containsKey("batch_size"), "other collector settings stay");
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
