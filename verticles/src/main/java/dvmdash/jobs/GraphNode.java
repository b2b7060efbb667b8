package dvmdash.jobs;

import java.util.List;

/**
 * A node of the job graph. Event nodes ({@code request}, {@code feedback}, {@code result}, {@code zap}) have the
 * event id as {@code id}; actor nodes ({@code dvm}, {@code user}) have the pubkey. Fields that do not apply are null:
 * {@code status} (feedback status, or a request's derived job status), {@code amountMsat} (the amount tag),
 * {@code bolt11} and {@code bolt11Msat} (its invoice and decoded amount; a zap's invoice), {@code message} (an error
 * message or partial content), {@code level} (chain level of the job), {@code missing} (a request known only from
 * references), {@code roles} (an actor's roles: dvm, user or both).
 */
public record GraphNode(String id, String type, Integer kind, String pubkey, Long createdAt, String jobId,
                        Integer level, String status, Long amountMsat, String bolt11, Long bolt11Msat, String message,
                        boolean missing, List<String> roles, String label) {

  public static final String REQUEST = "request";
  public static final String FEEDBACK = "feedback";
  public static final String RESULT = "result";
  public static final String ZAP = "zap";
  public static final String DVM = "dvm";
  public static final String USER = "user";

  public GraphNode {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  public boolean isEvent() {
    return !DVM.equals(type) && !USER.equals(type);
  }
}
