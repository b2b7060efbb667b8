package dvmdash.collector;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;

/**
 * The operator's relay list of a single collector node in a JSON file ({@code relays.json}), written atomically (temp
 * file, then move). Written as an array of {@code {"url", "activity"}}; an older file holding a plain array of URL
 * strings still loads (every relay normal).
 */
final class RelayListStore {

  private final Vertx vertx;
  private final Path file;

  RelayListStore(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  /** The saved list, or null when none was saved. */
  Future<RelayList> load() {
    return vertx.fileSystem().exists(file.toString()).compose(exists -> !exists ? Future.succeededFuture(null)
        : vertx.fileSystem().readFile(file.toString()).map(b -> RelayList.fromJson(new JsonArray(b.toString()))));
  }

  Future<Void> save(RelayList relays) {
    String tmp = file + ".tmp";
    return vertx.fileSystem().mkdirs(file.toAbsolutePath().getParent().toString())
        .compose(v -> vertx.fileSystem().writeFile(tmp, Buffer.buffer(relays.toJson().encodePrettily())))
        .compose(v -> vertx.fileSystem().move(tmp, file.toString(), new CopyOptions().setReplaceExisting(true)
            .setAtomicMove(true)));
  }
}
