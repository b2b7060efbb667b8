package dvmdash.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks chained jobs from a root request, breadth first: upwards through the request ids a request consumes
 * ({@code ["i", id, "job"]}) and downwards through the requests that consume it, to any depth. Each job is visited
 * once (cycles end there) and at most {@code maxJobs} jobs are taken. Siblings (other consumers of a parent) are not
 * followed: the chain is the root's ancestry and descendants.
 */
public final class ChainWalker {

  private final JobIndex index;
  private final int maxJobs;

  public ChainWalker(JobIndex index, int maxJobs) {
    if (maxJobs < 1) {
      throw new IllegalArgumentException("maxJobs must be at least 1");
    }
    this.index = index;
    this.maxJobs = maxJobs;
  }

  public Chain walk(String root) {
    Map<String, Integer> levels = new HashMap<>();
    List<Chain.Level> order = new ArrayList<>();
    levels.put(root, 0);
    order.add(new Chain.Level(root, 0));
    boolean truncated = false;
    Deque<Chain.Level> queue = new ArrayDeque<>();
    queue.add(new Chain.Level(root, 0));
    while (!queue.isEmpty()) {
      Chain.Level current = queue.poll();
      List<Chain.Level> next = new ArrayList<>();
      if (current.level() <= 0) {
        for (String parent : index.job(current.jobId()).inputJobs()) {
          next.add(new Chain.Level(parent, current.level() - 1));
        }
      }
      if (current.level() >= 0) {
        for (String child : index.children(current.jobId())) {
          next.add(new Chain.Level(child, current.level() + 1));
        }
      }
      for (Chain.Level n : next) {
        if (levels.containsKey(n.jobId())) {
          continue;
        }
        if (order.size() >= maxJobs) {
          truncated = true;
          continue;
        }
        levels.put(n.jobId(), n.level());
        order.add(n);
        queue.add(n);
      }
    }
    return new Chain(order, links(order, levels.keySet()), truncated);
  }

  /** Every input link between two visited jobs, including those that close a cycle. */
  private List<Chain.Link> links(List<Chain.Level> order, Set<String> visited) {
    Set<Chain.Link> out = new LinkedHashSet<>();
    for (Chain.Level l : order) {
      for (String parent : index.job(l.jobId()).inputJobs()) {
        if (visited.contains(parent)) {
          out.add(new Chain.Link(parent, l.jobId()));
        }
      }
    }
    return new ArrayList<>(out);
  }
}
