package dvmdash.api;

import dvmdash.store.EventStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/** Raw events: one by id, or the most recent by kind, author or referenced event. */
public final class EventRoutes {

  private final EventStore events;
  private final EventLookup lookup;

  public EventRoutes(io.vertx.core.Vertx vertx, EventStore events) {
    this.events = events;
    this.lookup = new EventLookup(vertx, events);
  }

  public void mount(Router router) {
    router.get("/api/events/:id").handler(StatsRoutes.guard(ctx -> {
      String id = Params.hex64(ctx.pathParam("id"), "id");
      Replies.answer(ctx, lookup.find(id).map(doc -> doc == null ? null : view(doc)),
          "no event with id " + id + " in DVMDash or on its connected relays");
    }));
    router.get("/api/events").handler(StatsRoutes.guard(ctx -> {
      Integer kind = Params.optionalInt(ctx, "kind", 0, 65535);
      String author = Params.optionalHex64(ctx, "author");
      String ref = Params.optionalHex64(ctx, "ref");
      Long until = Params.optionalLong(ctx, "until");
      int limit = Params.intOr(ctx, "limit", 50, 1, 500);
      Replies.answer(ctx, events.recent(kind, author, ref, until, limit).map(EventRoutes::list), "no data");
    }));
  }

  private static JsonObject list(List<JsonObject> docs) {
    JsonArray out = new JsonArray();
    for (JsonObject d : docs) {
      out.add(view(d));
    }
    return new JsonObject().put("events", out);
  }

  static JsonObject view(JsonObject doc) {
    return new JsonObject()
        .put("event", EventStore.eventOf(doc))
        .put("first_seen", doc.getLong("first_seen"))
        .put("relays", doc.getJsonArray("relays", new JsonArray()));
  }
}
