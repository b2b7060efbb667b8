package dvmdash.api;

import dvmdash.store.EventQuery;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/** Raw events: one by id, or the most recent by kind, author or referenced event. */
public final class EventRoutes {

  private final RawEventStore events;
  private final EventLookup lookup;

  public EventRoutes(io.vertx.core.Vertx vertx, RawEventStore events) {
    this.events = events;
    this.lookup = new EventLookup(vertx, events);
  }

  public void mount(Router router) {
    router.get("/api/events/:id").handler(StatsRoutes.guard(ctx -> {
      String id = Params.hex64(ctx.pathParam("id"), "id");
      Replies.answer(ctx, lookup.find(id).map(e -> e == null ? null : e.view()),
          "no event with id " + id + " in DVMDash or on its connected relays");
    }));
    router.get("/api/events").handler(StatsRoutes.guard(ctx -> {
      Integer kind = Params.optionalInt(ctx, "kind", 0, 65535);
      String author = Params.optionalHex64(ctx, "author");
      String ref = Params.optionalHex64(ctx, "ref");
      Long until = Params.optionalLong(ctx, "until");
      int limit = Params.intOr(ctx, "limit", 50, 1, 500);
      EventQuery q = EventQuery.newest(limit).author(author).ref(ref).until(until);
      if (kind != null) {
        q = q.kinds(kind, kind);
      }
      Replies.answer(ctx, events.recent(q).map(EventRoutes::list), "no data");
    }));
  }

  private static JsonObject list(List<StoredEvent> found) {
    JsonArray out = new JsonArray();
    for (StoredEvent e : found) {
      out.add(e.view());
    }
    return new JsonObject().put("events", out);
  }
}
