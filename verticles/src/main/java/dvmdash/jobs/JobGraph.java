package dvmdash.jobs;

import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Everything that happened to one job: the root {@code job}, the graph of its request, feedback, results, zap
 * receipts, actors and chained jobs (both directions, any depth, cycles visited once), the timeline of those events,
 * and the diagnosis. Pure: built from a set of events, no I/O. {@code truncated} is true when the node cap cut the
 * graph (the diagnosis still covers every job of the chain that was walked).
 */
public record JobGraph(Job job, Chain chain, List<GraphNode> nodes, List<GraphEdge> edges,
                       List<TimelineEntry> timeline, Diagnosis diagnosis, boolean truncated) {

  /** Default node cap: a graph stays readable and the answer small. */
  public static final int MAX_NODES = 500;

  public JobGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    timeline = List.copyOf(timeline);
  }

  public static JobGraph build(String requestId, Collection<NostrEvent> events) {
    return build(requestId, events, MAX_NODES);
  }

  /** The graph of request {@code requestId} from {@code events} (any superset of its neighbourhood). */
  public static JobGraph build(String requestId, Collection<NostrEvent> events, int maxNodes) {
    if (maxNodes < 1) {
      throw new IllegalArgumentException("maxNodes must be at least 1");
    }
    JobIndex index = new JobIndex(events);
    Chain chain = new ChainWalker(index, maxNodes).walk(requestId);
    GraphBuilder graph = new GraphBuilder(maxNodes);
    for (Chain.Level l : chain.jobs()) {
      addJob(graph, index, index.job(l.jobId()), l.level());
    }
    for (Chain.Link link : chain.links()) {
      graph.edge(link.parent(), link.child(), GraphEdge.INPUT_OF);
    }
    List<GraphNode> nodes = graph.nodes();
    List<TimelineEntry> timeline = new ArrayList<>();
    for (GraphNode n : nodes) {
      if (n.isEvent() && n.createdAt() != null) {
        timeline.add(EventNodes.entry(n));
      }
    }
    timeline.sort(Comparator.comparingLong(TimelineEntry::createdAt).thenComparing(TimelineEntry::id));
    Diagnosis diagnosis = new Diagnoser(index, chain).diagnose();
    return new JobGraph(index.job(requestId), chain, nodes, graph.edges(), timeline, diagnosis,
        graph.truncated() || chain.truncated());
  }

  private static void addJob(GraphBuilder graph, JobIndex index, Job job, int level) {
    if (!graph.add(EventNodes.request(job, level))) {
      return;
    }
    if (job.seen() && graph.actor(job.user(), GraphNode.USER)) {
      graph.edge(job.user(), job.id(), GraphEdge.AUTHORED);
    }
    for (NostrEvent r : job.responses()) {
      if (!graph.add(EventNodes.response(r, job.id(), level))) {
        continue;
      }
      graph.edge(r.id(), job.id(), r.kind() == 7000 ? GraphEdge.FEEDBACK_FOR : GraphEdge.RESULT_FOR);
      if (graph.actor(r.pubkey(), GraphNode.DVM)) {
        graph.edge(r.pubkey(), r.id(), GraphEdge.AUTHORED);
      }
    }
    for (String dvm : job.addressed()) {
      if (graph.actor(dvm, GraphNode.DVM)) {
        graph.edge(job.id(), dvm, GraphEdge.ADDRESSED_TO);
      }
    }
    List<String> zapped = new ArrayList<>();
    zapped.add(job.id());
    for (NostrEvent r : job.responses()) {
      zapped.add(r.id());
    }
    for (String target : zapped) {
      for (NostrEvent z : index.zapsOf(target)) {
        if (graph.has(target) && graph.add(EventNodes.zap(z, job.id(), level))) {
          graph.edge(z.id(), target, GraphEdge.ZAP_FOR);
        }
      }
    }
  }
}
