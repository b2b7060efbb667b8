package dvmdash.store;

import java.util.List;

/**
 * A newest-first read of raw events ({@code created_at} descending, then id descending). Every filter is optional:
 * kinds {@code kindFrom..kindTo} (inclusive), {@code author}, a referenced event {@code ref} ({@code e} tag), a
 * referenced pubkey {@code pTag}; {@code addressedTo} with {@code answeredIds} keeps events that {@code p}-tag that
 * pubkey or whose id is one of those ids. {@code until} is inclusive; with {@code afterId} the read resumes after the
 * event ({@code until}, {@code afterId}) of the previous page.
 */
public record EventQuery(int kindFrom, int kindTo, String author, String ref, String pTag, String addressedTo,
                         List<String> answeredIds, Long until, String afterId, int limit) {

  public EventQuery {
    answeredIds = answeredIds == null ? List.of() : List.copyOf(answeredIds);
  }

  public static EventQuery newest(int limit) {
    return new EventQuery(0, 65535, null, null, null, null, List.of(), null, null, limit);
  }

  public EventQuery kinds(int from, int to) {
    return new EventQuery(from, to, author, ref, pTag, addressedTo, answeredIds, until, afterId, limit);
  }

  public EventQuery author(String pubkey) {
    return new EventQuery(kindFrom, kindTo, pubkey, ref, pTag, addressedTo, answeredIds, until, afterId, limit);
  }

  public EventQuery ref(String eventId) {
    return new EventQuery(kindFrom, kindTo, author, eventId, pTag, addressedTo, answeredIds, until, afterId, limit);
  }

  public EventQuery pTag(String pubkey) {
    return new EventQuery(kindFrom, kindTo, author, ref, pubkey, addressedTo, answeredIds, until, afterId, limit);
  }

  public EventQuery addressedOrAnswered(String dvm, List<String> ids) {
    return new EventQuery(kindFrom, kindTo, author, ref, pTag, dvm, ids, until, afterId, limit);
  }

  public EventQuery until(Long seconds) {
    return new EventQuery(kindFrom, kindTo, author, ref, pTag, addressedTo, answeredIds, seconds, afterId, limit);
  }

  public EventQuery after(long createdAt, String id) {
    return new EventQuery(kindFrom, kindTo, author, ref, pTag, addressedTo, answeredIds, createdAt, id, limit);
  }

  public EventQuery limit(int n) {
    return new EventQuery(kindFrom, kindTo, author, ref, pTag, addressedTo, answeredIds, until, afterId, n);
  }

  public boolean allKinds() {
    return kindFrom <= 0 && kindTo >= 65535;
  }
}
