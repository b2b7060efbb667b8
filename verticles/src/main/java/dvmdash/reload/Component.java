package dvmdash.reload;

import java.util.List;

/** A part of a node that can be redeployed on its own when its settings change, and the config sections it reads. */
public enum Component {
  PROCESSOR("batch processor", List.of("processor")),
  RETENTION("retention schedule", List.of("retention")),
  COLLECTOR("relay collector", List.of("collector")),
  API("HTTP API", List.of("http", "admin", "playground"));

  private final String label;
  private final List<String> sections;

  Component(String label, List<String> sections) {
    this.label = label;
    this.sections = sections;
  }

  public String label() {
    return label;
  }

  /** Top-level config keys whose change redeploys this component. */
  public List<String> sections() {
    return sections;
  }
}
