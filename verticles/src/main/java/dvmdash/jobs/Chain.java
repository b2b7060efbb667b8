package dvmdash.jobs;

import java.util.List;

/**
 * The jobs chained to a root request: {@code jobs} in discovery order (the root first, nearest next) with their level
 * (0 root, −1 the jobs it consumes, +1 the jobs that consume it, …), and the {@code input_of} links among them.
 * {@code truncated} is true when the job bound stopped the walk.
 */
public record Chain(List<Level> jobs, List<Link> links, boolean truncated) {

  public Chain {
    jobs = List.copyOf(jobs);
    links = List.copyOf(links);
  }

  /** A job of the chain and its level relative to the root. */
  public record Level(String jobId, int level) {
  }

  /** {@code parent}'s output is an input of {@code child} (the child's {@code ["i", parent, "job"]} tag). */
  public record Link(String parent, String child) {
  }

  /** True when the root is chained to at least one other job. */
  public boolean isChain() {
    return jobs.size() > 1;
  }

  /** The lowest level (the first step of the chain). */
  public int minLevel() {
    int min = 0;
    for (Level l : jobs) {
      min = Math.min(min, l.level());
    }
    return min;
  }

  /** The 1-based chain step of a level: the earliest job consumed is step 1. */
  public int step(int level) {
    return level - minLevel() + 1;
  }
}
