package dvmdash.simulator;

/** How a simulated DVM describes itself (NIP-89 announcement and/or kind 0 profile). */
public enum AnnouncementStyle {
  /** One 31990 with a JSON name, plus a kind 0. */
  SINGLE,
  /** Two 31990 with different {@code d} tags; announced kinds are their union. */
  TWO_D,
  /** An older 31990 replaced by a newer one with the same {@code d} and fewer kinds. */
  REPLACED,
  /** Only a kind 0 profile. */
  PROFILE_ONLY,
  /** A 31990 whose content is not JSON (Python {@code True}); the name comes from kind 0. */
  INVALID_JSON,
  /** Nothing at all: shown by short npub. */
  NONE
}
