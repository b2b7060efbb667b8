package dvmdash.collector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The requesters (job request authors) whose kind 0 profiles the collector subscribes to, besides the DVMs': the
 * pubkeys the API showed (job list, debugger), at most {@code capacity} of them. They sit in fixed slots, 500 to a
 * REQ {@code profu-<n>}, the same chunking as the DVM profiles ({@link SubscriptionPlan#AUTHORS_PER_FILTER}). When all
 * slots are taken, a newly shown requester takes the slot of the one shown least recently, and only the chunk holding
 * that slot is re-sent (same sub id, so the relay replaces that subscription). Not thread-safe: one event loop.
 */
public final class RequesterProfiles {

  /** Sub ids of requester kind-0 subscriptions start with this. */
  public static final String PREFIX = "profu-";
  private static final Pattern PUBKEY = Pattern.compile("[0-9a-f]{64}");

  private final int capacity;
  private final List<String> slots = new ArrayList<>();
  /** pubkey → slot, in access order: the eldest entry is the requester shown least recently. */
  private final LinkedHashMap<String, Integer> bySlot = new LinkedHashMap<>(16, 0.75f, true);

  public RequesterProfiles(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0");
    }
    this.capacity = capacity;
  }

  /**
   * Records that {@code pubkeys} were shown; those {@code skip} accepts (the DVMs, already subscribed) and anything
   * but 64 lowercase hex are ignored. Returns the chunk numbers whose author list changed, ascending.
   */
  public TreeSet<Integer> shown(Collection<?> pubkeys, Predicate<String> skip) {
    TreeSet<Integer> changed = new TreeSet<>();
    if (capacity == 0) {
      return changed;
    }
    for (Object o : pubkeys) {
      if (!(o instanceof String pk) || !PUBKEY.matcher(pk).matches() || skip.test(pk)) {
        continue;
      }
      if (bySlot.get(pk) != null) {
        continue;
      }
      int slot;
      if (slots.size() < capacity) {
        slot = slots.size();
        slots.add(pk);
      } else {
        Iterator<Map.Entry<String, Integer>> eldest = bySlot.entrySet().iterator();
        slot = eldest.next().getValue();
        eldest.remove();
        slots.set(slot, pk);
      }
      bySlot.put(pk, slot);
      changed.add(slot / SubscriptionPlan.AUTHORS_PER_FILTER);
    }
    return changed;
  }

  public boolean contains(String pubkey) {
    return bySlot.containsKey(pubkey);
  }

  public int size() {
    return slots.size();
  }

  /** The kind-0 REQs of the given chunks. */
  public List<SubscriptionPlan.Req> requests(Collection<Integer> chunks) {
    List<SubscriptionPlan.Req> reqs = new ArrayList<>();
    for (int chunk : chunks) {
      int from = chunk * SubscriptionPlan.AUTHORS_PER_FILTER;
      if (from >= slots.size()) {
        continue;
      }
      List<String> authors = slots.subList(from, Math.min(slots.size(), from + SubscriptionPlan.AUTHORS_PER_FILTER));
      JsonObject f = new JsonObject()
          .put("kinds", new JsonArray().add(0))
          .put("authors", new JsonArray(new ArrayList<>(authors)));
      reqs.add(new SubscriptionPlan.Req(PREFIX + chunk, List.of(f)));
    }
    return reqs;
  }

  /** Every REQ (sent when a connection opens). */
  public List<SubscriptionPlan.Req> requests() {
    List<Integer> all = new ArrayList<>();
    for (int c = 0; c * SubscriptionPlan.AUTHORS_PER_FILTER < slots.size(); c++) {
      all.add(c);
    }
    return requests(all);
  }
}
