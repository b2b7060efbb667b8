package dvmdash.shared.nostr;

import java.util.ArrayList;
import java.util.List;

/**
 * A NIP-01 event with decoded field values. Immutable; tags are unmodifiable lists of non-null strings.
 * Construct through {@link EventParser} (untrusted input) or {@link EventSigner} (events we create).
 */
public record NostrEvent(String id, String pubkey, long createdAt, int kind, List<List<String>> tags, String content,
                         String sig) {

  public NostrEvent {
    List<List<String>> copy = new ArrayList<>(tags.size());
    for (List<String> t : tags) {
      copy.add(List.copyOf(t));
    }
    tags = List.copyOf(copy);
  }

  /** The first tag named {@code name}, or null. */
  public List<String> tag(String name) {
    for (List<String> t : tags) {
      if (!t.isEmpty() && t.get(0).equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** Value (position 1) of the first tag named {@code name} that has one, or null. */
  public String tagValue(String name) {
    for (List<String> t : tags) {
      if (t.size() > 1 && t.get(0).equals(name)) {
        return t.get(1);
      }
    }
    return null;
  }

  /** Values (position 1) of every tag named {@code name}, in order. */
  public List<String> tagValues(String name) {
    List<String> out = new ArrayList<>();
    for (List<String> t : tags) {
      if (t.size() > 1 && t.get(0).equals(name)) {
        out.add(t.get(1));
      }
    }
    return out;
  }

  /** Every tag named {@code name}. */
  public List<List<String>> tagsNamed(String name) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> t : tags) {
      if (!t.isEmpty() && t.get(0).equals(name)) {
        out.add(t);
      }
    }
    return out;
  }
}
