package dvmdash.store;

import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The tag values the raw stores index: referenced events ({@code e}), referenced pubkeys ({@code p}) and inputs that
 * are the output of an earlier job ({@code i <request id> job}). Only 64-character lowercase hex values are kept (the
 * API looks up nothing else), in their order of appearance, without repeats.
 */
public record EventRefs(List<String> events, List<String> pubkeys, List<String> jobInputs) {

  public static EventRefs of(NostrEvent e) {
    List<String> events = new ArrayList<>(2);
    List<String> pubkeys = new ArrayList<>(2);
    List<String> jobs = new ArrayList<>(0);
    for (List<String> t : e.tags()) {
      if (t.size() < 2) {
        continue;
      }
      switch (t.get(0)) {
        case "e" -> addOnce(events, t.get(1));
        case "p" -> addOnce(pubkeys, t.get(1));
        case "i" -> {
          if (t.size() > 2 && t.get(2).equals("job")) {
            addOnce(jobs, t.get(1));
          }
        }
        default -> {
        }
      }
    }
    return new EventRefs(events, pubkeys, jobs);
  }

  private static void addOnce(List<String> list, String value) {
    if (isHex64(value) && !list.contains(value)) {
      list.add(value);
    }
  }

  static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
