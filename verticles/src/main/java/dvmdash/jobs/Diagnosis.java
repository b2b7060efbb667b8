package dvmdash.jobs;

import java.util.List;

/** The diagnosis of a job: the one-line {@code summary} (the most important finding) and every finding. */
public record Diagnosis(String summary, List<Finding> findings) {

  public Diagnosis {
    findings = List.copyOf(findings);
  }
}
