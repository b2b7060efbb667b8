package dvmdash.api;

import dvmdash.jobs.ShownRequesters;
import dvmdash.store.EventQuery;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Raw events: one by id, or pages of the most recent by kinds, author, referenced event or pubkey and time, each
 * answer naming its authors by their kind 0 ({@link RequesterNames}: one lookup per answer).
 */
public final class EventRoutes {

  /** Most kinds one {@code /api/events} request may name (each is one index read). */
  static final int MAX_KINDS = 20;

  private final RawEventStore events;
  private final EventLookup lookup;
  private final OwnerLoop owner;
  private final RequesterNames names;

  /** {@code owner}: the loop the lookups' budget and cache live on; {@code names}: the authors' profiles. */
  public EventRoutes(Vertx vertx, RawEventStore events, OwnerLoop owner, RequesterNames names) {
    this.events = events;
    this.lookup = new EventLookup(vertx, events);
    this.owner = owner;
    this.names = names;
  }

  public void mount(Router router) {
    router.get("/api/events/:id").handler(owner.confine(StatsRoutes.guard(ctx -> {
      String id = Params.hex64(ctx.pathParam("id"), "id");
      Replies.answer(ctx, lookup.find(id).map(e -> e == null ? null : e.view())
              .compose(view -> names.attach(view, ShownRequesters.ofEvent(view))),
          "no event with id " + id + " in DVMDash or on its connected relays");
    })));
    router.get("/api/events").handler(StatsRoutes.guard(ctx -> {
      List<Integer> kinds = Params.intList(ctx, "kind", 0, 65535, MAX_KINDS);
      int limit = Params.intOr(ctx, "limit", 50, 1, 500);
      EventQuery q = EventQuery.newest(limit).author(Params.optionalHex64(ctx, "author"))
          .ref(Params.optionalHex64(ctx, "ref")).pTag(Params.optionalHex64(ctx, "p"))
          .since(Params.optionalLong(ctx, "since")).until(Params.optionalLong(ctx, "until"));
      if (!kinds.isEmpty()) {
        q = q.kinds(kinds);
      }
      String cursor = ctx.request().getParam("cursor");
      if (cursor != null && !cursor.isEmpty()) {
        EventCursor c = EventCursor.parse(cursor);
        if (q.until() != null && q.until() < c.createdAt()) {
          throw new BadRequestException("cursor lies after until: pass the same filters as for the first page");
        }
        q = q.after(c.createdAt(), c.id());
      }
      Replies.answer(ctx, events.recent(q).map(found -> list(found, limit))
          .compose(page -> names.attach(page, ShownRequesters.ofEventList(page))), "no data");
    }));
  }

  private static JsonObject list(List<StoredEvent> found, int limit) {
    JsonArray out = new JsonArray();
    for (StoredEvent e : found) {
      out.add(e.view());
    }
    return new JsonObject().put("events", out).put("next", EventCursor.next(found, limit));
  }
}
