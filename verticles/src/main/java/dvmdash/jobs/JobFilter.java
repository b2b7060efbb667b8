package dvmdash.jobs;

/**
 * Filters of the recent-jobs list, each optional (null): request {@code kind}, a {@code dvm} that answered or was
 * addressed, the requesting {@code user}, the derived {@code status}, and {@code until} (inclusive, unix seconds).
 */
public record JobFilter(Integer kind, String dvm, String user, JobStatus status, Long until, int limit) {
}
