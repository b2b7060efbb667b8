package dvmdash.collector;

import io.vertx.core.Future;
import java.util.Map;

/**
 * A copy of the relay cursors shared by every collector of a cluster, so that a relay moving to another collector
 * resumes where its previous owner stopped instead of being fetched from its start. Values only move forward: a
 * cursor is the newest {@code created_at} whose events were handed off durably, whoever handed them off.
 */
public interface CursorMirror {

  /** No sharing: a single collector node. */
  CursorMirror NONE = new CursorMirror() {
    @Override
    public Future<Map<String, Long>> read() {
      return Future.succeededFuture(Map.of());
    }

    @Override
    public Future<Void> write(Map<String, Long> cursors) {
      return Future.succeededFuture();
    }
  };

  Future<Map<String, Long>> read();

  /** Raises each shared cursor to the given value when that is newer (never lowers one). */
  Future<Void> write(Map<String, Long> cursors);
}
