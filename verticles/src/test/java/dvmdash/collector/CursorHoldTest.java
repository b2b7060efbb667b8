package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cursor is held from connect until that connection's backlog is acknowledged. */
@ExtendWith(VertxExtension.class)
class CursorHoldTest {

  private static final String URL = "ws://r";

  @TempDir
  Path dir;

  /** Acknowledgements run when the test says so. */
  private final List<Runnable> acks = new ArrayList<>();
  private final EventSink sink = new EventSink() {
    @Override
    public void accept(ReceivedEvent event) {
    }

    @Override
    public void whenAcknowledged(Runnable action) {
      acks.add(action);
    }
  };

  private void acknowledge() {
    List<Runnable> due = new ArrayList<>(acks);
    acks.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void releasedOnlyForTheOpenConnectionWhoseBacklogWasAcknowledged(Vertx vertx, VertxTestContext ctx) {
    CursorStore.load(vertx, dir.resolve("cursors.json"), 60_000).onComplete(ctx.succeeding(cursors -> ctx.verify(() -> {
      CursorHold hold = new CursorHold(URL, cursors, sink, new BacklogCheckpoints(URL, cursors, sink, 1000, 600));
      hold.connected();
      assertTrue(cursors.isHeld(URL));
      hold.backlogReceived(() -> true);
      assertTrue(cursors.isHeld(URL), "not before the acknowledgement");
      acknowledge();
      assertFalse(cursors.isHeld(URL));

      hold.connected();
      hold.backlogReceived(() -> true);
      hold.connected();
      acknowledge();
      assertTrue(cursors.isHeld(URL), "an earlier connection's backlog releases nothing");

      hold.backlogReceived(() -> false);
      acknowledge();
      assertTrue(cursors.isHeld(URL), "closed meanwhile: nothing released");
      ctx.completeNow();
    })));
  }
}
