package dvmdash.api;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The event loop that owns the API's mutable state (live streams, the relay-lookup budget, the playground's gate).
 * The HTTP server runs on several event loops ({@link HttpLoops}), so a request may arrive on any of them; the
 * handlers that touch such state are {@link #confine confined}: they run on the owner's loop, and so do the callbacks
 * they register on other loops' connections ({@link #run}). Writing to a response from the owner's loop is safe
 * (Vert.x hands the write to the connection's loop). Stateless handlers (queries) run where the request arrived.
 */
public final class OwnerLoop {

  /** No owner: everything runs where it is called (tests, a single loop). */
  public static final OwnerLoop INLINE = new OwnerLoop(null);

  private final Context owner;

  private OwnerLoop(Context owner) {
    this.owner = owner;
  }

  /** The calling verticle's context becomes the owner. */
  public static OwnerLoop current(Vertx vertx) {
    return new OwnerLoop(vertx.getOrCreateContext());
  }

  /** Runs {@code action} on the owner's loop: now when called there, else queued to it. */
  public void run(Runnable action) {
    if (owner == null || Vertx.currentContext() == owner) {
      action.run();
    } else {
      owner.runOnContext(v -> action.run());
    }
  }

  /** {@code handler}, run on the owner's loop whatever loop the request arrived on. */
  public Handler<RoutingContext> confine(Handler<RoutingContext> handler) {
    return ctx -> run(() -> handler.handle(ctx));
  }
}
