package dvmdash.shared.nostr;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Reads a NIP-89 kind 31990 handler announcement: the request kinds it supports and its {@code d} identifier. */
public final class Announcement {

  public static final int KIND = 31990;

  private Announcement() {
  }

  /**
   * The request kinds (5000-5999) named by the event's {@code k} tags, sorted; values that are not plain decimal
   * integers in that range are ignored. Empty for any kind other than 31990.
   */
  public static Set<Integer> announcedKinds(NostrEvent e) {
    Set<Integer> kinds = new TreeSet<>();
    if (e.kind() != KIND) {
      return Collections.unmodifiableSet(kinds);
    }
    for (String value : e.tagValues("k")) {
      if (isRequestKind(value)) {
        kinds.add(Integer.parseInt(value));
      }
    }
    return Collections.unmodifiableSet(kinds);
  }

  /** Exactly "5000" to "5999": four ASCII digits starting with 5 (no sign, spaces or leading zeros). */
  private static boolean isRequestKind(String value) {
    if (value.length() != 4 || value.charAt(0) != '5') {
      return false;
    }
    for (int i = 1; i < 4; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The value of the {@code d} tag, or "" when there is none (the address is then {@code 31990:<pubkey>:}). */
  public static String dTag(NostrEvent e) {
    String d = e.tagValue("d");
    return d == null ? "" : d;
  }
}
