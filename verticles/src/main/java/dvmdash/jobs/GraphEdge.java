package dvmdash.jobs;

/**
 * A directed edge of the job graph, named by its {@code type}: {@code feedback_for} and {@code result_for}
 * (response → request), {@code zap_for} (zap receipt → zapped event), {@code input_of} (consumed request → the request
 * that consumes it), {@code authored} (actor → event), {@code addressed_to} (request → a DVM its {@code p} tag names).
 */
public record GraphEdge(String from, String to, String type) {

  public static final String FEEDBACK_FOR = "feedback_for";
  public static final String RESULT_FOR = "result_for";
  public static final String ZAP_FOR = "zap_for";
  public static final String INPUT_OF = "input_of";
  public static final String AUTHORED = "authored";
  public static final String ADDRESSED_TO = "addressed_to";
}
