package dvmdash.jobs;

import dvmdash.shared.nostr.KindCatalog;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON of a {@link JobGraph} for {@code GET /api/jobs/{id}} (docs/api-spec.md), snake_case, nulls left out. */
public final class JobGraphJson {

  private JobGraphJson() {
  }

  public static JsonObject of(JobGraph g) {
    JsonArray nodes = new JsonArray();
    for (GraphNode n : g.nodes()) {
      nodes.add(node(n));
    }
    JsonArray edges = new JsonArray();
    for (GraphEdge e : g.edges()) {
      edges.add(new JsonObject().put("from", e.from()).put("to", e.to()).put("type", e.type()));
    }
    JsonArray timeline = new JsonArray();
    for (TimelineEntry t : g.timeline()) {
      timeline.add(compact(new JsonObject()
          .put("created_at", t.createdAt())
          .put("id", t.id())
          .put("kind", t.kind())
          .put("type", t.type())
          .put("pubkey", t.pubkey())
          .put("job", t.jobId())
          .put("status", t.status())
          .put("summary", t.summary())));
    }
    JsonArray findings = new JsonArray();
    for (Finding f : g.diagnosis().findings()) {
      findings.add(compact(new JsonObject()
          .put("code", f.code())
          .put("severity", f.severity())
          .put("job", f.jobId())
          .put("dvm", f.dvm())
          .put("step", f.step())
          .put("kind", f.kind())
          .put("amount_msat", f.amountMsat())
          .put("seconds", f.seconds())
          .put("message", f.message())));
    }
    return new JsonObject()
        .put("request", request(g.job()))
        .put("nodes", nodes)
        .put("edges", edges)
        .put("timeline", timeline)
        .put("diagnosis", new JsonObject().put("summary", g.diagnosis().summary()).put("findings", findings))
        .put("chain_length", g.chain().jobs().size())
        .put("truncated", g.truncated());
  }

  /** The root job: its id, derived status and facts, and the raw request event (null when never seen). */
  public static JsonObject request(Job job) {
    NostrEvent r = job.request();
    JsonObject out = new JsonObject()
        .put("id", job.id())
        .put("seen", job.seen())
        .put("kind", job.kind() < 0 ? null : job.kind())
        .put("kind_name", job.kind() < 0 ? null : KindCatalog.name(job.kind()))
        .put("user", job.user())
        .put("created_at", r == null ? null : r.createdAt())
        .put("status", job.status().wire())
        .put("dvms", new JsonArray(job.dvms()))
        .put("input_jobs", new JsonArray(job.inputJobs()));
    job.expiration().ifPresent(exp -> out.put("expiration", exp));
    out.put("event", r == null ? null : event(r));
    return out;
  }

  public static JsonObject event(NostrEvent e) {
    JsonArray tags = new JsonArray();
    for (var t : e.tags()) {
      tags.add(new JsonArray(new java.util.ArrayList<>(t)));
    }
    return new JsonObject()
        .put("id", e.id())
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("kind", e.kind())
        .put("tags", tags)
        .put("content", e.content())
        .put("sig", e.sig());
  }

  private static JsonObject node(GraphNode n) {
    JsonObject o = new JsonObject()
        .put("id", n.id())
        .put("type", n.type())
        .put("label", n.label())
        .put("kind", n.kind())
        .put("pubkey", n.pubkey())
        .put("created_at", n.createdAt())
        .put("job", n.jobId())
        .put("level", n.level())
        .put("status", n.status())
        .put("amount_msat", n.amountMsat())
        .put("amount_sats", n.amountMsat() == null ? null : n.amountMsat() / 1000)
        .put("bolt11", n.bolt11())
        .put("bolt11_msat", n.bolt11Msat())
        .put("message", n.message());
    if (n.missing()) {
      o.put("missing", true);
    }
    if (!n.roles().isEmpty()) {
      o.put("roles", new JsonArray(n.roles()));
    }
    return compact(o);
  }

  private static JsonObject compact(JsonObject o) {
    o.fieldNames().removeIf(k -> o.getValue(k) == null);
    return o;
  }
}
