package dvmdash.cluster;

import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Future;
import java.util.List;

/** Where a collector node puts verified events when processors run elsewhere. */
public interface EventQueue {

  /**
   * Appends the events durably; succeeds only once they are in the queue (the caller then advances its relay
   * cursors), fails with {@link QueueFullException} while the queue is above its high-water mark.
   */
  Future<Void> append(List<ReceivedEvent> events);
}
