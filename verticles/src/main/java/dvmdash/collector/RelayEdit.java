package dvmdash.collector;

import io.vertx.core.json.JsonObject;

/**
 * One operator change of the relay list, as sent from the admin API to whoever keeps the list (the local collector
 * supervisor, or etcd in a cluster): {@code {"op": "add"|"remove"|"mark", "url": …, "activity": …}}. Parsing
 * validates the URL and activity ({@link IllegalArgumentException}); applying to a list that lacks the relay of a
 * remove or mark is a {@link java.util.NoSuchElementException}.
 */
public record RelayEdit(Op op, String url, RelayEntry.Activity activity) {

  /** The kind of change. */
  public enum Op {
    ADD, REMOVE, MARK
  }

  public RelayEdit {
    if (op == null) {
      throw new IllegalArgumentException("op must be add, remove or mark");
    }
    url = RelayEntry.checkUrl(url);
    if (op == Op.MARK && activity == null) {
      throw new IllegalArgumentException("activity required: \"high\" or \"normal\"");
    }
  }

  public static RelayEdit add(String url, RelayEntry.Activity activity) {
    return new RelayEdit(Op.ADD, url, activity);
  }

  public static RelayEdit remove(String url) {
    return new RelayEdit(Op.REMOVE, url, null);
  }

  public static RelayEdit mark(String url, RelayEntry.Activity activity) {
    return new RelayEdit(Op.MARK, url, activity);
  }

  /** The edited list; {@code add} of a listed relay only changes its activity when one was given. */
  public RelayList apply(RelayList list) {
    return switch (op) {
      case ADD -> {
        RelayEntry existing = list.get(url);
        RelayEntry.Activity a = activity != null ? activity
            : existing != null ? existing.activity() : RelayEntry.Activity.NORMAL;
        yield list.with(new RelayEntry(url, a));
      }
      case REMOVE -> list.without(url);
      case MARK -> list.marked(url, activity);
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put("op", op.name().toLowerCase(java.util.Locale.ROOT)).put("url", url)
        .put("activity", activity == null ? null : activity.label());
  }

  public static RelayEdit fromJson(JsonObject j) {
    if (j == null) {
      throw new IllegalArgumentException("a relay edit must be a JSON object");
    }
    Op op;
    try {
      op = Op.valueOf(String.valueOf(j.getValue("op")).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("op must be add, remove or mark, got " + j.getValue("op"));
    }
    Object url = j.getValue("url");
    Object activity = j.getValue("activity");
    return new RelayEdit(op, url instanceof String s ? s : null,
        activity == null ? null : RelayEntry.Activity.parse(activity));
  }
}
