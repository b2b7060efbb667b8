package dvmdash.store;

import java.util.List;

/**
 * A newest-first read of raw events ({@code created_at} descending, then id descending). Every filter is optional:
 * kinds {@code kindFrom..kindTo} (inclusive) or, when {@code kindSet} is not empty, exactly those kinds;
 * {@code author}, a referenced event {@code ref} ({@code e} tag), a referenced pubkey {@code pTag}; {@code addressedTo}
 * with {@code answeredIds} keeps events that {@code p}-tag that pubkey or whose id is one of those ids. {@code since}
 * and {@code until} are inclusive; with {@code afterId} the read resumes after the event ({@code until},
 * {@code afterId}) of the previous page.
 */
public record EventQuery(int kindFrom, int kindTo, List<Integer> kindSet, String author, String ref, String pTag,
                         String addressedTo, List<String> answeredIds, Long since, Long until, String afterId,
                         int limit) {

  public EventQuery {
    kindSet = kindSet == null ? List.of() : List.copyOf(kindSet);
    answeredIds = answeredIds == null ? List.of() : List.copyOf(answeredIds);
  }

  public static EventQuery newest(int limit) {
    return new EventQuery(0, 65535, List.of(), null, null, null, null, List.of(), null, null, null, limit);
  }

  public EventQuery kinds(int from, int to) {
    return new EventQuery(from, to, List.of(), author, ref, pTag, addressedTo, answeredIds, since, until, afterId,
        limit);
  }

  /** Exactly these kinds (one or more). */
  public EventQuery kinds(List<Integer> kinds) {
    if (kinds.size() == 1) {
      return kinds(kinds.get(0), kinds.get(0));
    }
    return new EventQuery(0, 65535, kinds, author, ref, pTag, addressedTo, answeredIds, since, until, afterId, limit);
  }

  public EventQuery author(String pubkey) {
    return new EventQuery(kindFrom, kindTo, kindSet, pubkey, ref, pTag, addressedTo, answeredIds, since, until,
        afterId, limit);
  }

  public EventQuery ref(String eventId) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, eventId, pTag, addressedTo, answeredIds, since, until,
        afterId, limit);
  }

  public EventQuery pTag(String pubkey) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, ref, pubkey, addressedTo, answeredIds, since, until,
        afterId, limit);
  }

  public EventQuery addressedOrAnswered(String dvm, List<String> ids) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, ref, pTag, dvm, ids, since, until, afterId, limit);
  }

  public EventQuery since(Long seconds) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, ref, pTag, addressedTo, answeredIds, seconds, until,
        afterId, limit);
  }

  public EventQuery until(Long seconds) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, ref, pTag, addressedTo, answeredIds, since, seconds,
        afterId, limit);
  }

  public EventQuery after(long createdAt, String id) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, ref, pTag, addressedTo, answeredIds, since, createdAt, id,
        limit);
  }

  public EventQuery limit(int n) {
    return new EventQuery(kindFrom, kindTo, kindSet, author, ref, pTag, addressedTo, answeredIds, since, until,
        afterId, n);
  }

  public boolean allKinds() {
    return kindSet.isEmpty() && kindFrom <= 0 && kindTo >= 65535;
  }
}
