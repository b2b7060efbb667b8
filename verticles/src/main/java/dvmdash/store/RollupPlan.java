package dvmdash.store;

import dvmdash.shared.nostr.Amounts;
import dvmdash.shared.nostr.AnnouncedRelays;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.Profile;
import dvmdash.shared.nostr.ProfileParser;
import dvmdash.shared.nostr.ServiceAnnouncement;
import dvmdash.shared.nostr.ZapJobKind;
import dvmdash.shared.nostr.ZapReceipt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns the events of one batch that are new to the rollups into row deltas. Pure: no I/O. Every delta merges with
 * what is stored through an associative, commutative operation (sum, least, greatest, latest-by-(created_at, id)), so
 * the final rollups depend only on the set of events, never on batch boundaries or arrival order.
 *
 * @param knownRequestKinds kinds of previously stored requests referenced by this batch's feedback
 * @param resolved feedback rows, stored earlier without a kind, whose request arrives in this batch
 */
public final class RollupPlan {

  /** Key of a minute_counts row. */
  public record MinuteKey(long minute, int kind, String dvm) {
  }

  /** Additive counters of a minute_counts row. */
  public static final class Counts {
    public long requests;
    public long results;
    public long feedback;
    public long errors;
    public long zappedSats;
  }

  public record RequestRow(String id, int kind, String author, long createdAt) {
  }

  public record UserDelta(String pubkey, long firstSeen, long lastSeen, long requests) {
  }

  public record DvmDelta(String pubkey, long firstSeen, long lastSeen) {
  }

  /** Pair created by a request that p-tags a DVM. */
  public record TaggedPair(String requestId, String dvm, int kind, String customer, long requestAt) {
  }

  /** What this batch's results and feedback add to one job pair. */
  public static final class PairDelta {
    public final String requestId;
    public final String dvm;
    public Integer resultKind; // smallest result kind - 1000 in the batch
    public Long firstResponseAt;
    public Long firstResultAt;
    public int results;
    public int feedback;
    public Long amountMsat;
    public Long amountAt;
    public String amountEvent;

    PairDelta(String requestId, String dvm) {
      this.requestId = requestId;
      this.dvm = dvm;
    }

    void offerAmount(long msat, long at, String eventId) {
      if (amountAt == null || at > amountAt || (at == amountAt && eventId.compareTo(amountEvent) < 0)) {
        amountMsat = msat;
        amountAt = at;
        amountEvent = eventId;
      }
    }
  }

  public record UnresolvedFeedback(String eventId, String requestId, String dvm, long minute, boolean error) {
  }

  /**
   * The current announcement of one form ({@code kind}: 31990, 31999, 11316, 11999) and address of a pubkey, with the
   * relays it names ({@link AnnouncedRelays}).
   */
  public record AnnouncementRow(String pubkey, int kind, String d, String eventId, long createdAt, List<Integer> kinds,
                                String name, String about, String picture, List<String> relays) {
  }

  public record ProfileRow(String pubkey, String eventId, long createdAt, String name, String about,
                           String picture) {
  }

  public final List<RequestRow> requests = new ArrayList<>();
  public final Map<MinuteKey, Counts> minuteCounts = new LinkedHashMap<>();
  public final Set<MinuteKey> kindUsers = new LinkedHashSet<>();
  public final Set<MinuteKey> kindDvms = new LinkedHashSet<>();
  public final Map<String, UserDelta> users = new LinkedHashMap<>();
  public final Map<String, DvmDelta> dvms = new LinkedHashMap<>();
  public final Map<String, TaggedPair> taggedPairs = new LinkedHashMap<>();
  public final Map<String, PairDelta> pairDeltas = new LinkedHashMap<>();
  public final List<UnresolvedFeedback> unresolved = new ArrayList<>();
  public final Map<String, AnnouncementRow> announcements = new LinkedHashMap<>();
  public final Map<String, ProfileRow> profiles = new LinkedHashMap<>();

  private RollupPlan() {
  }

  public static long minuteOf(long createdAt) {
    return Math.floorDiv(createdAt, 60);
  }

  /** Ids referenced by the batch's feedback whose request is not itself in the batch (to look up stored kinds). */
  public static Set<String> feedbackRefsOutsideBatch(Collection<NostrEvent> events) {
    Set<String> batchRequests = new java.util.HashSet<>();
    for (NostrEvent e : events) {
      if (Classifier.classify(e.kind()) == EventClass.REQUEST) {
        batchRequests.add(e.id());
      }
    }
    Set<String> refs = new LinkedHashSet<>();
    for (NostrEvent e : events) {
      if (Classifier.classify(e.kind()) == EventClass.FEEDBACK) {
        String ref = Classifier.requestRef(e);
        if (ref != null && !batchRequests.contains(ref)) {
          refs.add(ref);
        }
      }
    }
    return refs;
  }

  /** Ids of the batch's requests (to resolve feedback stored earlier without a kind). */
  public static List<String> requestIds(Collection<NostrEvent> events) {
    List<String> ids = new ArrayList<>();
    for (NostrEvent e : events) {
      if (Classifier.classify(e.kind()) == EventClass.REQUEST) {
        ids.add(e.id());
      }
    }
    return ids;
  }

  public static RollupPlan build(Collection<NostrEvent> newEvents, Map<String, Integer> knownRequestKinds,
                                 List<UnresolvedFeedback> resolved) {
    RollupPlan plan = new RollupPlan();
    Map<String, Integer> requestKinds = new HashMap<>(knownRequestKinds);
    for (NostrEvent e : newEvents) {
      if (Classifier.classify(e.kind()) == EventClass.REQUEST) {
        requestKinds.put(e.id(), e.kind());
      }
    }
    for (NostrEvent e : newEvents) {
      switch (Classifier.classify(e.kind())) {
        case REQUEST -> plan.addRequest(e);
        case RESULT -> plan.addResult(e);
        case FEEDBACK -> plan.addFeedback(e, requestKinds);
        case ZAP -> plan.addZap(e);
        case ANNOUNCEMENT -> plan.addAnnouncement(e);
        case PROFILE -> plan.addProfile(e);
        default -> {
        }
      }
    }
    for (UnresolvedFeedback f : resolved) {
      Integer kind = requestKinds.get(f.requestId());
      if (kind == null) {
        throw new IllegalStateException("resolved feedback " + f.eventId() + " without its request in the batch");
      }
      Counts from = plan.counts(new MinuteKey(f.minute(), 0, f.dvm()));
      Counts to = plan.counts(new MinuteKey(f.minute(), kind, f.dvm()));
      from.feedback--;
      to.feedback++;
      if (f.error()) {
        from.errors--;
        to.errors++;
      }
      plan.kindDvms.add(new MinuteKey(f.minute(), kind, f.dvm()));
    }
    return plan;
  }

  private Counts counts(MinuteKey key) {
    return minuteCounts.computeIfAbsent(key, k -> new Counts());
  }

  private void addRequest(NostrEvent e) {
    long minute = minuteOf(e.createdAt());
    requests.add(new RequestRow(e.id(), e.kind(), e.pubkey(), e.createdAt()));
    counts(new MinuteKey(minute, e.kind(), "")).requests++;
    kindUsers.add(new MinuteKey(minute, e.kind(), e.pubkey()));
    users.merge(e.pubkey(), new UserDelta(e.pubkey(), e.createdAt(), e.createdAt(), 1),
        (a, b) -> new UserDelta(a.pubkey(), Math.min(a.firstSeen(), b.firstSeen()),
            Math.max(a.lastSeen(), b.lastSeen()), a.requests() + b.requests()));
    for (String p : e.tagValues("p")) {
      if (Hex.isLowerHex(p, 64)) {
        taggedPairs.putIfAbsent(e.id() + p, new TaggedPair(e.id(), p, e.kind(), e.pubkey(), e.createdAt()));
      }
    }
  }

  private void addResult(NostrEvent e) {
    int kind = e.kind() - 1000;
    long minute = minuteOf(e.createdAt());
    counts(new MinuteKey(minute, kind, e.pubkey())).results++;
    kindDvms.add(new MinuteKey(minute, kind, e.pubkey()));
    seenDvm(e);
    String ref = Classifier.requestRef(e);
    if (ref == null) {
      return;
    }
    PairDelta pair = pair(ref, e.pubkey());
    pair.results++;
    pair.resultKind = pair.resultKind == null ? kind : Math.min(pair.resultKind, kind);
    pair.firstResultAt = min(pair.firstResultAt, e.createdAt());
    pair.firstResponseAt = min(pair.firstResponseAt, e.createdAt());
    OptionalLong amount = Amounts.amountMsat(e);
    if (amount.isPresent()) {
      pair.offerAmount(amount.getAsLong(), e.createdAt(), e.id());
    }
  }

  private void addFeedback(NostrEvent e, Map<String, Integer> requestKinds) {
    long minute = minuteOf(e.createdAt());
    String ref = Classifier.requestRef(e);
    String status = Classifier.feedbackStatus(e);
    boolean error = "error".equals(status);
    Integer known = ref == null ? null : requestKinds.get(ref);
    int kind = known == null ? 0 : known;
    Counts c = counts(new MinuteKey(minute, kind, e.pubkey()));
    c.feedback++;
    if (error) {
      c.errors++;
    }
    kindDvms.add(new MinuteKey(minute, kind, e.pubkey()));
    seenDvm(e);
    if (ref == null) {
      return;
    }
    if (known == null) {
      unresolved.add(new UnresolvedFeedback(e.id(), ref, e.pubkey(), minute, error));
    }
    PairDelta pair = pair(ref, e.pubkey());
    pair.feedback++;
    pair.firstResponseAt = min(pair.firstResponseAt, e.createdAt());
    if ("payment-required".equals(status)) {
      OptionalLong amount = Amounts.amountMsat(e);
      if (amount.isPresent()) {
        pair.offerAmount(amount.getAsLong(), e.createdAt(), e.id());
      }
    }
  }

  private void addZap(NostrEvent e) {
    ZapReceipt.parse(e).ifPresent(zap -> {
      if (zap.recipient() != null && Hex.isLowerHex(zap.recipient(), 64)) {
        // by the job kind the receipt names (ZapJobKind; 0 = none), so sums per DVM and overall are unchanged
        counts(new MinuteKey(minuteOf(e.createdAt()), ZapJobKind.of(e), zap.recipient())).zappedSats +=
            zap.amountMsat() / 1000;
      }
    });
  }

  private void addAnnouncement(NostrEvent e) {
    ServiceAnnouncement a = ServiceAnnouncement.parse(e).orElse(null);
    if (a == null) {
      return;
    }
    Profile p = a.profile();
    List<Integer> kinds = new ArrayList<>(a.kinds());
    AnnouncementRow row = new AnnouncementRow(e.pubkey(), a.kind(), a.d(), e.id(), e.createdAt(), kinds,
        p == null ? null : p.name(), p == null ? null : p.about(), p == null ? null : p.picture(),
        AnnouncedRelays.of(e));
    announcements.merge(e.pubkey() + "\u0000" + a.kind() + "\u0000" + a.d(), row,
        (x, y) -> newer(x.createdAt(), x.eventId(), y.createdAt(), y.eventId()) ? x : y);
  }

  private void addProfile(NostrEvent e) {
    Profile p = ProfileParser.parse(e.content()).orElse(null);
    ProfileRow row = new ProfileRow(e.pubkey(), e.id(), e.createdAt(), p == null ? null : p.name(),
        p == null ? null : p.about(), p == null ? null : p.picture());
    profiles.merge(e.pubkey(), row, (a, b) -> newer(a.createdAt(), a.eventId(), b.createdAt(), b.eventId()) ? a : b);
  }

  /** NIP-01 replaceable ordering: later created_at wins, ties to the lowest id. */
  static boolean newer(long atA, String idA, long atB, String idB) {
    return atA > atB || (atA == atB && idA.compareTo(idB) < 0);
  }

  private void seenDvm(NostrEvent e) {
    dvms.merge(e.pubkey(), new DvmDelta(e.pubkey(), e.createdAt(), e.createdAt()),
        (a, b) -> new DvmDelta(a.pubkey(), Math.min(a.firstSeen(), b.firstSeen()),
            Math.max(a.lastSeen(), b.lastSeen())));
  }

  private PairDelta pair(String requestId, String dvm) {
    return pairDeltas.computeIfAbsent(requestId + dvm, k -> new PairDelta(requestId, dvm));
  }

  private static Long min(Long a, long b) {
    return a == null ? b : Math.min(a, b);
  }
}
