package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic (seeded) history of DVM traffic relative to {@code now}: customers, DVMs with their
 * announcements, job flows spread over the plan's span (denser towards now), edge cases, excluded-kind squatters and
 * junk. Event ids are reproducible for a seed and {@code now}; signatures are not (BIP-340 auxiliary randomness).
 */
public final class SimulatedNetwork {

  private static final long HOUR = 3_600;
  private static final long DAY = 86_400;
  private static final String[] NAMES = {"Nostr Discover", "Trending Notes", "Fresh Feed", "Popular Posts",
    "Snake Charmer", "Zap Feed", "LLM Helper", "ImageGen", "Whisper Transcribe", "Translator", "Vertex",
    "Search Machine"};
  private static final int[][] KINDS = {{5300}, {5300, 5302}, {5300}, {5300}, {5300}, {5300}, {5050}, {5100},
    {5000}, {5002}, {5312}, {5302, 5300}};
  private static final AnnouncementStyle[] STYLES = {AnnouncementStyle.SINGLE, AnnouncementStyle.TWO_D,
    AnnouncementStyle.REPLACED, AnnouncementStyle.PROFILE_ONLY, AnnouncementStyle.INVALID_JSON,
    AnnouncementStyle.SINGLE, AnnouncementStyle.SINGLE, AnnouncementStyle.SINGLE, AnnouncementStyle.TWO_D,
    AnnouncementStyle.SINGLE, AnnouncementStyle.SINGLE, AnnouncementStyle.NONE};
  private static final boolean[] PAID = {false, false, false, false, false, true, true, true, false, true, true,
    false};

  private final SimulationPlan plan;
  private final long now;
  private final SimRandom rng;
  private final List<EventSigner> customers = new ArrayList<>();
  private final List<DvmPersona> dvms = new ArrayList<>();
  private final EventSigner lnurlServer;
  private final EventSigner squatter;
  private final GroundTruth truth;
  private final JobFlowGenerator jobs;
  private final List<Publication> publications = new ArrayList<>();

  public SimulatedNetwork(SimulationPlan plan, long now) {
    this.plan = plan;
    this.now = now;
    this.rng = new SimRandom(plan.seed());
    long base = plan.seed() * 1_000_003L;
    for (int i = 0; i < plan.users(); i++) {
      customers.add(EventSigner.deterministic(base + 10_000 + i));
    }
    for (int i = 0; i < plan.dvms(); i++) {
      dvms.add(persona(i, EventSigner.deterministic(base + 20_000 + i), rng));
    }
    this.lnurlServer = EventSigner.deterministic(base + 30_000);
    this.squatter = EventSigner.deterministic(base + 30_001);
    this.truth = new GroundTruth(now);
    this.jobs = new JobFlowGenerator(rng.split(), dvms, lnurlServer);
    generate();
  }

  /** The persona template for DVM number {@code i} (styles, kinds and prices cycle every 12 DVMs). */
  public static DvmPersona persona(int i, EventSigner signer, SimRandom rng) {
    int t = i % NAMES.length;
    String name = NAMES[t] + (i >= NAMES.length ? " " + (i / NAMES.length + 1) : "");
    List<Integer> kinds = Arrays.stream(KINDS[t]).boxed().toList();
    return new DvmPersona(i, signer, name, kinds, STYLES[t], PAID[t], 0.03 + 0.1 * rng.nextDouble(),
      3 + 40 * rng.nextDouble());
  }

  public SimulationPlan plan() {
    return plan;
  }

  public long now() {
    return now;
  }

  public GroundTruth truth() {
    return truth;
  }

  public List<DvmPersona> dvms() {
    return List.copyOf(dvms);
  }

  public List<EventSigner> customers() {
    return List.copyOf(customers);
  }

  public EventSigner lnurlServer() {
    return lnurlServer;
  }

  /** Everything handed to relays, in generation order (valid, excluded kinds and junk). */
  public List<Publication> publications() {
    return List.copyOf(publications);
  }

  /**
   * The stored contents of {@code relayCount} relays: each event on one relay, about 30 % also on a second one,
   * duplicate junk next to its original. Deterministic for the seed.
   */
  public List<List<RelayEntry>> relayContents(int relayCount) {
    SimRandom r = new SimRandom(plan.seed() * 31 + relayCount);
    List<List<RelayEntry>> out = new ArrayList<>();
    for (int i = 0; i < relayCount; i++) {
      out.add(new ArrayList<>());
    }
    Map<String, Integer> primary = new HashMap<>();
    for (Publication p : publications) {
      if (p.junk() == JunkType.DUPLICATE) {
        out.get(primary.getOrDefault(p.entry().id(), 0)).add(p.entry());
        continue;
      }
      int rel = r.between(0, relayCount);
      out.get(rel).add(p.entry());
      primary.putIfAbsent(p.entry().id(), rel);
      if (relayCount > 1 && p.junk() == null && r.chance(0.3)) {
        out.get((rel + 1 + r.between(0, relayCount - 1)) % relayCount).add(p.entry());
      }
    }
    return out;
  }

  /** Time of a historical job: 5 % in the last hour, then thinning out over the span. */
  long pickTime() {
    double u = rng.nextDouble();
    long offset;
    if (u < 0.05) {
      offset = rng.between(60L, HOUR);
    } else if (u < 0.2) {
      offset = rng.between(HOUR, DAY);
    } else if (u < 0.45) {
      offset = rng.between(DAY, 7 * DAY);
    } else if (u < 0.8) {
      offset = rng.between(7 * DAY, 30 * DAY);
    } else {
      offset = rng.between(30 * DAY, Math.max(30 * DAY + 1, plan.spanSeconds()));
    }
    return now - Math.min(offset, plan.spanSeconds() - 1);
  }

  private void generate() {
    long start = now - plan.spanSeconds();
    for (DvmPersona d : dvms) {
      for (NostrEvent e : AnnouncementFactory.describe(d, start + rng.between(0L, DAY))) {
        publish(e);
      }
    }
    for (int i = 0; i < customers.size(); i += 3) {
      publish(AnnouncementFactory.profile(customers.get(i), start + rng.between(0L, DAY), "user " + i));
    }
    long[] times = new long[plan.jobs()];
    for (int i = 0; i < times.length; i++) {
      times[i] = pickTime();
    }
    Arrays.sort(times);
    List<String> requestIds = new ArrayList<>();
    for (long t : times) {
      String chained = null;
      EventSigner author = customers.get(rng.skewedIndex(customers.size()));
      if (!requestIds.isEmpty() && rng.chance(0.03)) {
        chained = requestIds.get(Math.max(0, requestIds.size() - 1 - rng.between(0, 50)));
        if (rng.chance(0.5)) {
          author = rng.pick(dvms).signer();
        }
      }
      List<NostrEvent> flow = jobs.job(author, t, chained);
      requestIds.add(flow.get(0).id());
      for (NostrEvent e : flow) {
        publish(e);
      }
    }
    addEdgeCases();
    addJunk();
    for (NostrEvent e : HeartbeatScript.history(plan, now, truth)) {
      publish(e);
    }
  }

  private void addEdgeCases() {
    List<DvmPersona> feeds = new ArrayList<>();
    for (DvmPersona d : dvms) {
      if (d.serves(5300)) {
        feeds.add(d);
      }
    }
    if (feeds.isEmpty()) {
      feeds.addAll(dvms);
    }
    for (int i = 0; i < 3; i++) {
      DvmPersona d = rng.pick(feeds);
      EventSigner c = rng.pick(customers);
      NostrEvent unpublished = jobs.request(c, 5300, pickTime(), List.of(d), false, null);
      publish(jobs.result(d, unpublished, unpublished.createdAt() + 5, i == 0 ? "42000" : null));
    }
    for (int i = 0; i < 2; i++) {
      DvmPersona d = rng.pick(feeds);
      NostrEvent unpublished = jobs.request(rng.pick(customers), 5300, pickTime(), List.of(d), false, null);
      publish(jobs.feedback(d, unpublished, unpublished.createdAt() + 2, "processing", null, ""));
    }
    for (int i = 0; i < 2; i++) {
      DvmPersona d = rng.pick(dvms);
      List<List<String>> tags = List.of(List.of("p", rng.pick(customers).pubkey()));
      publish(d.signer().sign(pickTime(), d.kinds().get(0) + 1000, tags, "result without an e tag"));
    }
    for (int i = 0; i < 2; i++) {
      long t = pickTime();
      NostrEvent poll = squatter.sign(t, 5666, List.of(List.of("poll_option", "0", "yes")), "poll?");
      publish(poll);
      publish(squatter.sign(t + 3, 6969, List.of(List.of("e", poll.id())), "vote"));
    }
    List<NostrEvent> results = new ArrayList<>();
    for (NostrEvent e : truth.validEvents()) {
      if (e.kind() >= 6000 && e.kind() < 7000 && e.tagValue("e") != null) {
        results.add(e);
      }
    }
    Map<String, DvmPersona> byPubkey = new HashMap<>();
    for (DvmPersona d : dvms) {
      byPubkey.put(d.pubkey(), d);
    }
    for (int i = 0; i < 3 && !results.isEmpty(); i++) {
      NostrEvent r = rng.pick(results);
      DvmPersona d = byPubkey.get(r.pubkey());
      long t = Math.min(now, r.createdAt() + rng.between(10, 3_600));
      publish(jobs.zapReceipt(rng.pick(customers), d, r, t, i == 0 ? null : 21_000L));
    }
  }

  private void addJunk() {
    if (plan.junkShare() <= 0) {
      return;
    }
    int total = (int) Math.round(plan.junkShare() * truth.validCount());
    int each = Math.max(1, total / (JunkType.values().length - 1));
    JunkFactory factory = new JunkFactory(rng.split(), now);
    List<NostrEvent> valid = truth.validEvents();
    for (JunkType type : JunkType.values()) {
      int n = type == JunkType.OVERSIZED ? 1 : each;
      for (int i = 0; i < n; i++) {
        if (type == JunkType.DUPLICATE) {
          NostrEvent original = rng.pick(valid);
          publications.add(new Publication(RelayEntry.of(original), JunkType.DUPLICATE));
          truth.addJunk(JunkType.DUPLICATE, EventWriter.toJson(original));
        } else {
          RelayEntry entry = factory.make(type, rng.pick(customers), pickTime());
          publications.add(new Publication(entry, type));
          truth.addJunk(type, entry.json());
        }
      }
    }
  }

  /** Publishes a correctly signed event unless it is dated after now (a job still pending). */
  private void publish(NostrEvent e) {
    if (e.createdAt() > now) {
      return;
    }
    publications.add(new Publication(RelayEntry.of(e), null));
    truth.add(e);
  }
}
