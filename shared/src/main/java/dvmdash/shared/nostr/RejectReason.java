package dvmdash.shared.nostr;

/** Why an incoming event or frame was rejected. The metric label is {@link #label()}. */
public enum RejectReason {
  MALFORMED_JSON("malformed_json"),
  DUPLICATE_KEY("duplicate_key"),
  WRONG_TYPES("wrong_types"),
  ID_MISMATCH("id_mismatch"),
  BAD_SIGNATURE("bad_signature"),
  OVERSIZED("oversized"),
  /** A frame or fragmented message above the WebSocket transport's limit: the connection ends (collector only). */
  OVERSIZED_MESSAGE("oversized_message"),
  FUTURE_TIMESTAMP("future_timestamp"),
  TOO_OLD("too_old"),
  EXCLUDED_KIND("excluded_kind"),
  UNEXPECTED_KIND("unexpected_kind");

  private final String label;

  RejectReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
