package dvmdash.collector;

import java.util.function.BooleanSupplier;

/**
 * Holds one relay's cursor from connect until the stored backlog (the main subscription up to its last EOSE) has been
 * acknowledged by the processor; then the saved backlog progress is settled ({@link BacklogCheckpoints#mainStored})
 * and the cursor released, so it moves only past events that are committed. An acknowledgement arriving after the
 * connection ended, or for an earlier connection, releases nothing. Confined to the connection's event loop.
 */
final class CursorHold {

  private final String url;
  private final CursorStore cursors;
  private final EventSink sink;
  private final BacklogCheckpoints backlog;
  private int session;

  CursorHold(String url, CursorStore cursors, EventSink sink, BacklogCheckpoints backlog) {
    this.url = url;
    this.cursors = cursors;
    this.sink = sink;
    this.backlog = backlog;
  }

  /** A new connection: the cursor stays where it is until its backlog is stored. */
  void connected() {
    session++;
    cursors.hold(url);
  }

  /** The main subscription's backlog reached EOSE on every REQ; released once acknowledged while {@code open}. */
  void backlogReceived(BooleanSupplier open) {
    int backlogSession = session;
    sink.whenAcknowledged(() -> {
      if (backlogSession == session && open.getAsBoolean()) {
        backlog.mainStored();
        cursors.release(url);
      }
    });
  }
}
