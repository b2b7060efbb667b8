package dvmdash.shared.nostr;

/** The display fields of a kind 0 profile or a 31990 announcement; each may be null. */
public record Profile(String name, String about, String picture) {
}
