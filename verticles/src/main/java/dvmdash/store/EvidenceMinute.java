package dvmdash.store;

/**
 * A DVM's health evidence of one minute ({@code [minute, minute + 60)}): heartbeats (11998, 1999), results
 * (6000-6999) and error feedback (7000 with status error) it authored, and its latest heartbeat's time (null when
 * none).
 */
public record EvidenceMinute(long minute, int beats, int results, int errors, Long lastBeat) {
}
