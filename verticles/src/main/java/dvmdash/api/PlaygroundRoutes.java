package dvmdash.api;

import dvmdash.playground.PublishGate;
import dvmdash.playground.PublishValidator;
import dvmdash.shared.Addresses;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code POST /api/playground/publish}: relays a job request, signed in the browser, to the configured relays. The
 * server never holds a user's key; it accepts only valid signed job requests, within size and rate limits
 * ({@link PublishGate}: per client address, the forwarded one behind a trusted proxy, and globally), and never the
 * same event twice.
 */
public final class PlaygroundRoutes {

  private final Vertx vertx;
  private final LongSupplier nowSeconds;
  private final Set<Integer> excludedKinds;
  private final ClientAddress addresses;
  private final PublishGate gate = new PublishGate(10, 6_000, 60, 1_000);

  private final OwnerLoop owner;

  public PlaygroundRoutes(Vertx vertx, LongSupplier nowSeconds, Set<Integer> excludedKinds, ClientAddress addresses) {
    this(vertx, nowSeconds, excludedKinds, addresses, OwnerLoop.INLINE);
  }

  /** {@code owner}: the loop the publish gate (rate limits, relayed ids) lives on. */
  public PlaygroundRoutes(Vertx vertx, LongSupplier nowSeconds, Set<Integer> excludedKinds, ClientAddress addresses,
                          OwnerLoop owner) {
    this.owner = owner;
    this.vertx = vertx;
    this.nowSeconds = nowSeconds;
    this.excludedKinds = excludedKinds;
    this.addresses = addresses;
  }

  public void mount(Router router) {
    router.post("/api/playground/publish")
        .handler(BodyHandler.create().setBodyLimit(PublishValidator.MAX_BYTES + 1024).setHandleFileUploads(false))
        .handler(owner.confine(ctx -> {
          NostrEvent e;
          try {
            e = PublishValidator.validate(ctx.body().asString(), nowSeconds.getAsLong(), excludedKinds);
          } catch (PublishValidator.Refused refused) {
            Replies.error(ctx, 400, refused.getMessage());
            return;
          }
          switch (gate.admit(addresses.of(ctx.request()), e.id(), System.currentTimeMillis())) {
            case ALREADY_RELAYED -> {
              Replies.error(ctx, 409, "event " + e.id() + " was already relayed");
              return;
            }
            case CLIENT_LIMIT -> {
              Replies.error(ctx, 429, "too many publications; wait a few seconds");
              return;
            }
            case GLOBAL_LIMIT -> {
              Replies.error(ctx, 429, "the playground is busy; wait a few seconds");
              return;
            }
            default -> {
            }
          }
          JsonObject event = EventJson.of(e);
          vertx.eventBus().<Integer>request(Addresses.RELAYS_PUBLISH, event)
              .onSuccess(m -> {
                if (m.body() == 0) {
                  Replies.error(ctx, 503, "no relay connected; try again shortly");
                } else {
                  gate.relayed(e.id());
                  Replies.json(ctx, new JsonObject().put("id", e.id()).put("relays", m.body()));
                }
              })
              .onFailure(err -> Replies.error(ctx, 503, "no collector on this node: " + err.getMessage()));
        }));
  }
}
