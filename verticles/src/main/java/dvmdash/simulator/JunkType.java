package dvmdash.simulator;

/** Kinds of invalid traffic the simulator publishes; none of it may be counted by DVMDash. */
public enum JunkType {
  /** Correct id, random signature. */
  FORGED_SIGNATURE,
  /** Signed, then content altered: the id no longer re-hashes. */
  ID_MISMATCH,
  /** The EVENT frame is not valid JSON. */
  MALFORMED_JSON,
  /** created_at sent as a JSON string. */
  WRONG_TYPES,
  /** Validly signed, content larger than 512 KiB. */
  OVERSIZED,
  /** Validly signed, created_at one hour after the simulation's now. */
  FUTURE_CREATED_AT,
  /** An extra copy of a valid event on the same relay. */
  DUPLICATE
}
