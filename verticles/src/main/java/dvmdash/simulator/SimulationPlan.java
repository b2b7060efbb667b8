package dvmdash.simulator;

/**
 * What the simulator generates: how many customers, DVMs and jobs, spread over how many past seconds, and which share
 * of extra junk frames (relative to the number of valid events) to mix in.
 */
public record SimulationPlan(long seed, int users, int dvms, int jobs, long spanSeconds, double junkShare,
                             int beacons) {

  public static final long DEFAULT_SPAN_SECONDS = 40L * 86_400;

  public SimulationPlan {
    if (users < 1 || dvms < 1 || jobs < 0 || spanSeconds < 3_600) {
      throw new IllegalArgumentException("need users >= 1, dvms >= 1, jobs >= 0, spanSeconds >= 3600");
    }
    if (beacons < 0) {
      throw new IllegalArgumentException("beacons must be >= 0");
    }
    if (junkShare < 0 || junkShare > 1) {
      throw new IllegalArgumentException("junkShare must be within 0..1");
    }
  }

  /** Without heartbeat-only DVMs ("beacons", {@link HeartbeatScript}). */
  public SimulationPlan(long seed, int users, int dvms, int jobs, long spanSeconds, double junkShare) {
    this(seed, users, dvms, jobs, spanSeconds, junkShare, 0);
  }

  /** 40 users, 12 DVMs, 600 jobs over 40 days, 2 % junk, 4 heartbeat-only DVMs. */
  public static SimulationPlan defaults(long seed) {
    return new SimulationPlan(seed, 40, 12, 600, DEFAULT_SPAN_SECONDS, 0.02, 4);
  }

  public SimulationPlan withJobs(int n) {
    return new SimulationPlan(seed, users, dvms, n, spanSeconds, junkShare, beacons);
  }

  public SimulationPlan withJunkShare(double share) {
    return new SimulationPlan(seed, users, dvms, jobs, spanSeconds, share, beacons);
  }

  /** The same plan with {@code n} heartbeat-only DVMs on scripted schedules ({@link HeartbeatScript}). */
  public SimulationPlan withBeacons(int n) {
    return new SimulationPlan(seed, users, dvms, jobs, spanSeconds, junkShare, n);
  }
}
