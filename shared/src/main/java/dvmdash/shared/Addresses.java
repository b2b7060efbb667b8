package dvmdash.shared;

/** Every event-bus address, in one place. Facts in past tense, requests as verbs. */
public final class Addresses {

  /** Collector → processor: an {@link dvmdash.shared.model.IngestBatch}; the reply comes after the batch committed. */
  public static final String INGEST_EVENTS = "dvmdash.events.ingest";
  /**
   * Stream reader → processor, in nodes where the Redis queue is on: an {@link dvmdash.shared.model.IngestBatch} read
   * from the stream; the reply comes after the batch committed (then the reader acknowledges the entries).
   */
  public static final String PROCESS_EVENTS = "dvmdash.events.process";
  /** Processor → collectors (publish): JsonArray of DVM pubkeys seen for the first time (to fetch kind 0). */
  public static final String DVMS_DISCOVERED = "dvmdash.dvms.discovered";
  /** Collector → processor (request): reply with a JsonArray of every DVM pubkey known so far. */
  public static final String DVMS_KNOWN = "dvmdash.dvms.known";
  /**
   * API → collectors (publish): JsonArray of requester pubkeys the API just showed, whose kind 0 profiles the
   * collectors fetch (bounded, least recently shown dropped first: {@code requester_profiles_max}).
   */
  public static final String PROFILES_WANTED = "dvmdash.profiles.wanted";
  /** API → collectors (request): reply with a JsonArray of per-relay status objects. */
  public static final String RELAYS_STATUS = "dvmdash.relays.status";
  /** API → collectors (request): JsonObject event to publish on every connected relay; reply: relays written. */
  public static final String RELAYS_PUBLISH = "dvmdash.relays.publish";
  /**
   * Health probes → collectors (request): {@code {"event": {…}, "relays": [url, …]}}, the event to write on those of
   * the listed relays this collector is connected to (URLs compared normalized); reply: JsonArray of the listed URLs
   * it was written to.
   */
  public static final String RELAYS_PUBLISH_TO = "dvmdash.relays.publish.to";
  /** API → collectors (request): an event id to ask every connected relay for; reply after their EOSE/timeout. */
  public static final String RELAYS_LOOKUP = "dvmdash.relays.lookup";
  /**
   * Admin API → collector supervisor of a node without etcd (request): a relay edit
   * {@code {"op": "add"|"remove"|"mark", "url", "activity"}}; reply: the list now in effect (JsonArray of
   * {@code {"url", "activity"}}); failure code 400 (bad edit) or 404 (unknown relay).
   */
  public static final String ADMIN_EDIT_RELAYS = "dvmdash.admin.relays.edit";
  /** API → collector supervisor of a node without etcd (request): reply with the relay list (as above). */
  public static final String ADMIN_LIST_RELAYS = "dvmdash.admin.relays.list";
  /** Processor → API (publish): JsonObject summary of a committed batch (for live updates). */
  public static final String BATCH_COMMITTED = "dvmdash.batch.committed";
  /** Health evaluator → API (publish): JsonObject of a DVM state change {pubkey, at, state, previous, cause}. */
  public static final String HEALTH_CHANGED = "dvmdash.health.changed";

  private Addresses() {
  }
}
