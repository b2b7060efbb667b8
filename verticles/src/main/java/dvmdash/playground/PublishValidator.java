package dvmdash.playground;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import java.nio.charset.StandardCharsets;

/**
 * What the playground accepts for publishing: one signed, valid job request (kinds 5000-5999, not excluded), at most
 * {@link #MAX_BYTES}, dated within {@link #MAX_SKEW_SECONDS} of now. Anything else gets a clear reason.
 */
public final class PublishValidator {

  public static final int MAX_BYTES = 64 * 1024;
  public static final long MAX_SKEW_SECONDS = 15 * 60;

  /** Why an event was refused (the API answers 400 with this message). */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  private PublishValidator() {
  }

  public static NostrEvent validate(String body, long nowSeconds, java.util.Set<Integer> excludedKinds)
      throws Refused {
    if (body == null || body.isBlank()) {
      throw new Refused("body must be a signed Nostr event (JSON object)");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new Refused("event larger than " + MAX_BYTES + " bytes");
    }
    NostrEvent e;
    try {
      e = EventParser.parse(body);
    } catch (InvalidEventException ex) {
      throw new Refused("not a valid Nostr event: " + ex.getMessage());
    }
    if (Classifier.classify(e.kind()) != EventClass.REQUEST) {
      throw new Refused("only job requests (kinds 5000-5999) can be published, got kind " + e.kind());
    }
    if (excludedKinds.contains(e.kind())) {
      throw new Refused("kind " + e.kind() + " is on the exclusion list");
    }
    if (Math.abs(e.createdAt() - nowSeconds) > MAX_SKEW_SECONDS) {
      throw new Refused("created_at must be within 15 minutes of now");
    }
    try {
      EventVerifier.verify(e);
    } catch (InvalidEventException ex) {
      throw new Refused(ex.reason().label().replace('_', ' ') + ": " + ex.getMessage());
    }
    return e;
  }
}
