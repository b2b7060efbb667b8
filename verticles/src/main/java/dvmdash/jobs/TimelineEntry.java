package dvmdash.jobs;

/** One event of the job's timeline (sorted by created_at, then id) with a one-line summary. */
public record TimelineEntry(long createdAt, String id, int kind, String type, String pubkey, String jobId,
                           String status, String summary) {
}
