package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.collector.RelayEdit;
import dvmdash.collector.RelayEntry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Without etcd nor Redis, relay edits go to the local collector supervisor: none here, so 503's exception. */
@ExtendWith(VertxExtension.class)
class RelaySourcesTest {

  @Test
  void withoutClusterEditsGoToTheLocalSupervisor(Vertx vertx, VertxTestContext ctx) {
    RelaySources sources = RelaySources.fromConfig(vertx, vertx.getOrCreateContext(), new JsonObject());
    sources.editor().edit(RelayEdit.add("wss://relay.example", RelayEntry.Activity.NORMAL))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(IllegalStateException.class, err.getClass(), err.toString());
          sources.close();
          ctx.completeNow();
        })));
  }
}
