package dvmdash.simulator;

/**
 * What the simulator generates: how many customers, DVMs and jobs, spread over how many past seconds, and which share
 * of extra junk frames (relative to the number of valid events) to mix in.
 */
public record SimulationPlan(long seed, int users, int dvms, int jobs, long spanSeconds, double junkShare) {

  public static final long DEFAULT_SPAN_SECONDS = 40L * 86_400;

  public SimulationPlan {
    if (users < 1 || dvms < 1 || jobs < 0 || spanSeconds < 3_600) {
      throw new IllegalArgumentException("need users >= 1, dvms >= 1, jobs >= 0, spanSeconds >= 3600");
    }
    if (junkShare < 0 || junkShare > 1) {
      throw new IllegalArgumentException("junkShare must be within 0..1");
    }
  }

  /** 40 users, 12 DVMs, 600 jobs over 40 days, 2 % junk. */
  public static SimulationPlan defaults(long seed) {
    return new SimulationPlan(seed, 40, 12, 600, DEFAULT_SPAN_SECONDS, 0.02);
  }

  public SimulationPlan withJobs(int n) {
    return new SimulationPlan(seed, users, dvms, n, spanSeconds, junkShare);
  }

  public SimulationPlan withJunkShare(double share) {
    return new SimulationPlan(seed, users, dvms, jobs, spanSeconds, share);
  }
}
