package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RawEventStore} honours, run against each implementation (PostgreSQL, and MongoDB through
 * the MongoDB-compatible test server). Each test starts from an empty store ({@link #freshStore()}).
 */
abstract class RawEventStoreContract {

  private static final EventSigner USER = EventSigner.fromSeed(1);
  private static final EventSigner DVM = EventSigner.fromSeed(2);
  private static final EventSigner OTHER_DVM = EventSigner.fromSeed(3);
  private static final long T0 = 1_760_000_000L;

  private RawEventStore store;

  /** An empty store of the implementation under test. */
  abstract RawEventStore freshStore() throws Exception;

  /** Stores a batch the way the pipeline does (inside a rollup transaction where the store shares it). */
  abstract Future<Void> store(RawEventStore store, List<ReceivedEvent> batch);

  @BeforeEach
  void setUp() throws Exception {
    store = freshStore();
    await(store.prepare());
  }

  private void put(String relay, NostrEvent... events) throws Exception {
    List<ReceivedEvent> batch = new ArrayList<>();
    for (NostrEvent e : events) {
      batch.add(ReceivedEvent.of(e, relay, 1_000L * e.createdAt() + 5));
    }
    await(store(store, batch));
  }

  private static NostrEvent request(long t, int kind, String content) {
    return USER.sign(t, kind, List.of(List.of("i", "hello", "text"), List.of("p", DVM.pubkey())), content);
  }

  private static NostrEvent feedback(EventSigner dvm, long t, NostrEvent request, String status) {
    return dvm.sign(t, 7000, List.of(List.of("status", status), List.of("e", request.id()),
        List.of("p", request.pubkey())), "");
  }

  private static NostrEvent result(EventSigner dvm, long t, NostrEvent request) {
    return dvm.sign(t, request.kind() + 1000, List.of(List.of("e", request.id()), List.of("p", request.pubkey())),
        "done");
  }

  @Test
  void keepsEveryFieldExactlyAndWhoDeliveredIt() throws Exception {
    String tricky = "line\nbreak \"quoted\" back\\slash tab\t ctrl\u001b bell\u0007 nul\u0000 é 🤖 \u2028 /";
    NostrEvent e = USER.sign(T0, 5050, List.of(List.of("i", tricky, "text"), List.of("param", "a", "b", "c"),
        List.of("empty")), tricky);
    put("wss://a.example", e);
    StoredEvent got = await(store.byId(e.id()));
    assertEquals(e, got.event(), "every NIP-01 field as signed");
    assertEquals(Set.of("wss://a.example"), Set.copyOf(got.relays()));
    assertEquals(1_000L * T0 + 5, got.firstSeenMillis());
    assertNull(await(store.byId("f".repeat(64))), "unknown id");
  }

  @Test
  void replaysChangeNothingAndOtherRelaysAreAdded() throws Exception {
    NostrEvent e = request(T0, 5300, "");
    put("wss://a.example", e);
    put("wss://a.example", e);
    assertEquals(1, await(store.count()));
    put("wss://b.example", e);
    await(store(store, List.of(ReceivedEvent.sighting(e.id(), "wss://c.example", 1L))));
    StoredEvent got = await(store.byId(e.id()));
    assertEquals(Set.of("wss://a.example", "wss://b.example", "wss://c.example"), Set.copyOf(got.relays()));
    assertEquals(1_000L * T0 + 5, got.firstSeenMillis(), "the first copy wins");
    assertEquals(1, await(store.count()));
  }

  @Test
  void newestFirstByKindAuthorAndReferenceWithAStableCursor() throws Exception {
    List<NostrEvent> requests = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      requests.add(request(T0 + i / 3, 5300, "job " + i)); // three per second: ties on created_at
    }
    NostrEvent other = request(T0 + 100, 5050, "");
    NostrEvent fb = feedback(DVM, T0 + 101, requests.get(4), "processing");
    NostrEvent res = result(OTHER_DVM, T0 + 102, requests.get(4));
    put("wss://a.example", requests.toArray(NostrEvent[]::new));
    put("wss://a.example", other, fb, res);

    List<NostrEvent> expected = new ArrayList<>(requests);
    expected.sort(Comparator.comparingLong(NostrEvent::createdAt).thenComparing(NostrEvent::id).reversed());
    List<String> paged = new ArrayList<>();
    EventQuery q = EventQuery.newest(7).kinds(5300, 5300);
    while (true) {
      List<StoredEvent> page = await(store.recent(q));
      page.forEach(s -> paged.add(s.id()));
      if (page.size() < 7) {
        break;
      }
      NostrEvent last = page.get(page.size() - 1).event();
      q = q.after(last.createdAt(), last.id());
    }
    assertEquals(expected.stream().map(NostrEvent::id).toList(), paged, "every request once, newest first");

    assertEquals(List.of(other.id()), ids(await(store.recent(EventQuery.newest(10).kinds(5050, 5050)))));
    assertEquals(List.of(res.id(), fb.id()),
        ids(await(store.recent(EventQuery.newest(10).ref(requests.get(4).id())))));
    assertEquals(List.of(fb.id()), ids(await(store.recent(EventQuery.newest(10).author(DVM.pubkey())))));
    assertEquals(List.of(res.id()),
        ids(await(store.recent(EventQuery.newest(10).kinds(6000, 6999).ref(requests.get(4).id())))));
    assertEquals(31, await(store.recent(EventQuery.newest(100).kinds(5000, 5999).pTag(DVM.pubkey()))).size());
    assertEquals(expected.subList(0, 2).stream().map(NostrEvent::id).toList(),
        ids(await(store.recent(EventQuery.newest(2).kinds(5000, 5999).until(T0 + 9)))), "until is inclusive");
  }

  @Test
  void severalKindsSinceAndPTagPageEveryMatchOnceWhateverThePageSize() throws Exception {
    List<NostrEvent> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      NostrEvent req = request(T0 + i / 4, i % 2 == 0 ? 5300 : 5050, "job " + i); // four per second
      all.add(req);
      if (i % 3 == 0) {
        all.add(feedback(DVM, T0 + i / 4, req, "processing"));
      }
      if (i % 5 == 0) {
        all.add(result(OTHER_DVM, T0 + i / 4 + 1, req));
      }
    }
    all.add(USER.sign(T0 + 5, 5300, List.of(), "not p-tagged"));
    put("wss://a.example", all.toArray(NostrEvent[]::new));

    long since = T0 + 3;
    List<Integer> kinds = List.of(5300, 7000, 6300);
    List<String> expected = all.stream()
        .filter(e -> kinds.contains(e.kind()) && e.createdAt() >= since)
        .filter(e -> e.tags().stream().anyMatch(t -> t.equals(List.of("p", USER.pubkey()))))
        .sorted(Comparator.comparingLong(NostrEvent::createdAt).thenComparing(NostrEvent::id).reversed())
        .map(NostrEvent::id).toList();
    assertTrue(expected.size() > 40, "the filters keep the feedback and results: " + expected.size());
    for (int size = 1; size <= expected.size() + 1; size += size < 12 ? 1 : 9) {
      List<String> paged = new ArrayList<>();
      EventQuery q = EventQuery.newest(size).kinds(kinds).since(since).pTag(USER.pubkey());
      for (int pages = 0; pages <= expected.size(); pages++) {
        List<StoredEvent> page = await(store.recent(q));
        page.forEach(e -> paged.add(e.id()));
        if (page.size() < size) {
          break;
        }
        NostrEvent last = page.get(page.size() - 1).event();
        q = q.after(last.createdAt(), last.id());
      }
      assertEquals(expected, paged, "page size " + size + ": every match once, newest first");
    }
    assertEquals(List.of(), ids(await(store.recent(EventQuery.newest(10).kinds(List.of(5300, 5050))
        .since(T0 + 1000)))), "since after everything");
  }

  @Test
  void addressedOrAnsweredMatchesEitherWay() throws Exception {
    NostrEvent tagged = request(T0, 5300, "");
    NostrEvent untagged = USER.sign(T0 + 1, 5300, List.of(), "");
    NostrEvent unrelated = USER.sign(T0 + 2, 5300, List.of(), "x");
    put("wss://a.example", tagged, untagged, unrelated);
    List<StoredEvent> got = await(store.recent(EventQuery.newest(10).kinds(5000, 5999)
        .addressedOrAnswered(DVM.pubkey(), List.of(untagged.id()))));
    assertEquals(List.of(untagged.id(), tagged.id()), ids(got));
  }

  @Test
  void referencesAndChainedJobsOldestFirst() throws Exception {
    NostrEvent parent = request(T0, 5300, "");
    NostrEvent fb = feedback(DVM, T0 + 1, parent, "payment-required");
    NostrEvent res = result(DVM, T0 + 2, parent);
    NostrEvent child = USER.sign(T0 + 3, 5302, List.of(List.of("i", parent.id(), "job")), "");
    NostrEvent zap = OTHER_DVM.sign(T0 + 4, 9735, List.of(List.of("e", res.id()), List.of("p", DVM.pubkey())), "");
    put("wss://a.example", parent, fb, res, child, zap);
    assertEquals(List.of(fb.id(), res.id()), ids(await(store.referencing(List.of(parent.id()), 6000, 7000, 100))));
    assertEquals(List.of(fb.id()), ids(await(store.referencing(List.of(parent.id()), 6000, 7000, 1))));
    assertEquals(List.of(zap.id()), ids(await(store.referencing(List.of(res.id(), fb.id()), 9735, 9735, 100))));
    assertEquals(List.of(child.id()), ids(await(store.jobsTaking(List.of(parent.id()), 100))));
    assertEquals(List.of(parent.id(), child.id()),
        ids(await(store.byIds(List.of(child.id(), parent.id(), res.id()), 5000, 5999))));
    assertTrue(await(store.jobsTaking(List.of(), 100)).isEmpty());
  }

  @Test
  void ascendingPagesAndRetentionDeletes() throws Exception {
    List<NostrEvent> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(request(T0 + i / 2, i % 5 == 0 ? 5050 : 5300, "n" + i));
    }
    put("wss://a.example", all.toArray(NostrEvent[]::new));
    List<NostrEvent> expected = new ArrayList<>(all);
    expected.sort(Comparator.comparingLong(NostrEvent::createdAt).thenComparing(NostrEvent::id));
    List<String> paged = new ArrayList<>();
    Long afterTime = null;
    String afterId = null;
    while (true) {
      List<StoredEvent> page = await(store.ascending(0, null, null, afterTime, afterId, 4));
      page.forEach(s -> paged.add(s.id()));
      if (page.size() < 4) {
        break;
      }
      afterTime = page.get(3).event().createdAt();
      afterId = page.get(3).id();
    }
    assertEquals(expected.stream().map(NostrEvent::id).toList(), paged);
    Set<String> kind5050 = new HashSet<>(ids(await(store.ascending(T0 + 2, T0 + 10, 5050, null, null, 100))));
    Set<String> want = new HashSet<>();
    for (NostrEvent e : all) {
      if (e.kind() == 5050 && e.createdAt() >= T0 + 2 && e.createdAt() <= T0 + 10) {
        want.add(e.id());
      }
    }
    assertEquals(want, kind5050);
    assertEquals(10, await(store.deleteOlderThan(T0 + 5)));
    assertEquals(15, await(store.count()));
    assertEquals(expected.get(10).id(), await(store.ascending(0, null, null, null, null, 1)).get(0).id());
  }

  private static List<String> ids(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::id).toList();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
