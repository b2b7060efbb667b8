package dvmdash.collector;

import dvmdash.shared.config.RelayUrls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per relay, the newest {@code created_at} of events the processor acknowledged, persisted as a JSON object
 * {@code {"wss://relay": 1700000000}}. Writes are debounced and atomic (temp file in the same folder, then move), and
 * never run concurrently. A cursor never passes the collector's own clock: an event dated ahead of it (clock skew, or
 * on purpose within the future tolerance) moves the cursor only up to now, and a cursor read from the file or the
 * shared mirror that lies ahead is brought back to now, so the next {@code since} never skips what is published
 * meanwhile. Beside the cursors, the file keeps each relay's {@link SavedBacklog} (under {@value #BACKLOG_KEY}): how
 * far a stored backlog that was still streaming had come, so that a restart fetches only what is missing; the cursor
 * itself only moves once everything up to it is stored. Confined to the owning verticle's event loop; file I/O runs
 * on worker threads.
 */
public final class CursorStore {

  private static final Logger log = LoggerFactory.getLogger(CursorStore.class);
  public static final long DEFAULT_DEBOUNCE_MILLIS = 1000;
  /** The cursor file's key for the {@link SavedBacklog}s: {@code {"wss://…": {"since":…,"until":…,"newest":…}}}. */
  public static final String BACKLOG_KEY = "backlog_progress";

  private final Vertx vertx;
  private final Path file;
  private final long debounceMillis;
  private final Map<String, Long> cursors;
  private final CursorMirror mirror;
  private final LongSupplier nowSeconds;
  private final Map<String, Long> held = new HashMap<>();
  private final Map<String, SavedBacklog> backlogs;
  private boolean dirty;
  private long timerId = -1;
  private Future<Void> writing = Future.succeededFuture();

  private CursorStore(Vertx vertx, Path file, long debounceMillis, Map<String, Long> cursors,
                      Map<String, SavedBacklog> backlogs, CursorMirror mirror, LongSupplier nowSeconds) {
    this.vertx = vertx;
    this.backlogs = backlogs;
    this.nowSeconds = nowSeconds;
    this.mirror = mirror;
    this.file = file;
    this.debounceMillis = debounceMillis;
    this.cursors = cursors;
  }

  /** Reads {@code file} (missing → empty; unreadable or corrupt → empty with a warning). */
  public static Future<CursorStore> load(Vertx vertx, Path file, long debounceMillis) {
    return load(vertx, file, debounceMillis, CursorMirror.NONE);
  }

  /**
   * Reads {@code file} and the cluster's shared cursors, taking for each relay the newer of the two (an unreachable
   * mirror leaves the local ones, with a warning); every later write also raises the shared cursors.
   */
  public static Future<CursorStore> load(Vertx vertx, Path file, long debounceMillis, CursorMirror mirror) {
    return load(vertx, file, debounceMillis, mirror, () -> System.currentTimeMillis() / 1000);
  }

  /** As {@link #load(Vertx, Path, long, CursorMirror)} with the collector's clock in unix seconds. */
  public static Future<CursorStore> load(Vertx vertx, Path file, long debounceMillis, CursorMirror mirror,
                                         LongSupplier nowSeconds) {
    return vertx.executeBlocking(() -> read(file))
        .compose(local -> mirror.read()
            .recover(err -> {
              log.warn("Cannot read the shared relay cursors, using this node's only: {}", err.toString());
              return Future.succeededFuture(Map.of());
            })
            .map(shared -> {
              shared.forEach((relay, at) -> local.merge(relay, at, Math::max));
              long now = nowSeconds.getAsLong();
              local.replaceAll((relay, at) -> {
                if (at > now) {
                  log.warn("Cursor of {} lies ahead of this clock ({} > {}); resuming from now",
                      RelayUrls.redact(relay), at, now);
                  return now;
                }
                return at;
              });
              return local;
            }))
        .compose(m -> vertx.executeBlocking(() -> readBacklogs(file))
            .map(b -> new CursorStore(vertx, file, debounceMillis, m, b, mirror, nowSeconds)));
  }

  private static Map<String, Long> read(Path file) {
    Map<String, Long> m = new HashMap<>();
    if (!Files.exists(file)) {
      return m;
    }
    try {
      JsonObject o = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      for (String k : o.fieldNames()) {
        if (o.getValue(k) instanceof Number n) {
          m.put(k, n.longValue());
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring unreadable cursor file {}: {}", file, e.toString());
    }
    return m;
  }

  private static Map<String, SavedBacklog> readBacklogs(Path file) {
    Map<String, SavedBacklog> m = new HashMap<>();
    try {
      if (Files.exists(file)) {
        JsonObject all = new JsonObject(Files.readString(file, StandardCharsets.UTF_8)).getJsonObject(BACKLOG_KEY);
        if (all != null) {
          for (String relay : all.fieldNames()) {
            JsonObject b = all.getJsonObject(relay);
            m.put(relay, new SavedBacklog(b.getLong("since"), b.getLong("until"), b.getLong("newest")));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring the saved backlog progress in {}: {}", file, e.toString());
    }
    return m;
  }

  public OptionalLong cursor(String relay) {
    Long c = cursors.get(relay);
    return c == null ? OptionalLong.empty() : OptionalLong.of(c);
  }

  /**
   * {@code min(cursor, now) − skew}, or null when this relay has no cursor yet (subscribe without since); never later
   * than the collector's clock minus the skew.
   */
  public Long since(String relay, long skewSeconds) {
    Long c = cursors.get(relay);
    SavedBacklog b = backlogs.get(relay);
    if (b != null) {
      // what lies below the saved backlog's newest is stored or fetched by its gap REQ
      c = c == null ? b.newest() : Math.max(c, b.newest());
    }
    return c == null ? null : Math.max(0, Math.min(c, nowSeconds.getAsLong()) - skewSeconds);
  }

  /** The relay's saved backlog progress, if a backlog was interrupted (or is streaming) with part of it stored. */
  public Optional<SavedBacklog> backlog(String relay) {
    return Optional.ofNullable(backlogs.get(relay));
  }

  /** Saves (replaces) the relay's backlog progress and schedules a write; the cursor does not move. */
  public void saveBacklog(String relay, SavedBacklog progress) {
    backlogs.put(relay, progress);
    markDirty();
  }

  /**
   * The backlog {@code done} is stored entirely (its gap fetched, or the whole backlog acknowledged): forgets it, when
   * it is still the saved one, and moves the cursor to its newest event.
   */
  public void backlogStored(String relay, SavedBacklog done) {
    if (done.equals(backlogs.get(relay))) {
      backlogs.remove(relay);
      markDirty();
      advance(relay, done.newest());
    }
  }

  /**
   * Moves the relay's cursor forward to {@code createdAt} (never back) and schedules a write. While the relay is
   * {@link #hold held}, the value is only remembered until {@link #release}. A {@code createdAt} ahead of the
   * collector's clock advances the cursor only to now.
   */
  public void advance(String relay, long eventCreatedAt) {
    long createdAt = Math.min(eventCreatedAt, nowSeconds.getAsLong());
    if (held.containsKey(relay)) {
      held.merge(relay, createdAt, Math::max);
      return;
    }
    Long old = cursors.get(relay);
    if (old != null && old >= createdAt) {
      return;
    }
    cursors.put(relay, createdAt);
    markDirty();
  }

  private void markDirty() {
    dirty = true;
    if (timerId < 0) {
      timerId = vertx.setTimer(debounceMillis, id -> {
        timerId = -1;
        writeIfDirty();
      });
    }
  }

  /**
   * Holds the relay's cursor: relays send stored events newest first, so until the whole stored backlog (up to EOSE)
   * is acknowledged, moving the cursor would skip the older part after a crash.
   */
  public void hold(String relay) {
    held.putIfAbsent(relay, Long.MIN_VALUE);
  }

  /** Ends a {@link #hold} and applies the newest value advanced meanwhile. */
  public void release(String relay) {
    Long max = held.remove(relay);
    if (max != null && max != Long.MIN_VALUE) {
      advance(relay, max);
    }
  }

  public boolean isHeld(String relay) {
    return held.containsKey(relay);
  }

  /** Writes pending changes now (after any write in progress). */
  public Future<Void> flush() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    return writeIfDirty();
  }

  private Future<Void> writeIfDirty() {
    Promise<Void> done = Promise.promise();
    writing = writing.transform(ar -> {
      if (!dirty) {
        return Future.<Void>succeededFuture();
      }
      dirty = false;
      Map<String, Long> snapshot = new HashMap<>(cursors);
      JsonObject json = new JsonObject(new HashMap<>(snapshot));
      if (!backlogs.isEmpty()) {
        JsonObject saved = new JsonObject();
        backlogs.forEach((relay, b) -> saved.put(relay, b.toJson()));
        json.put(BACKLOG_KEY, saved);
      }
      String text = json.encodePrettily();
      return vertx.<Void>executeBlocking(() -> {
        write(file, text);
        return null;
      }).onFailure(e -> {
        dirty = true;
        log.warn("Cannot write cursor file {}: {}", file, e.toString());
      }).compose(v -> mirror.write(snapshot).recover(e -> {
        dirty = true;
        log.warn("Cannot raise the shared relay cursors (retried with the next write): {}", e.toString());
        return Future.succeededFuture();
      }));
    });
    writing.onComplete(done);
    return done.future();
  }

  static void write(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
