package dvmdash.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects nodes and edges up to a node cap. Nodes are kept once by id, in insertion order; an edge is kept only when
 * both ends are nodes. Actors collect their roles (dvm, user) and become nodes when {@link #nodes()} is read.
 */
final class GraphBuilder {

  private final int maxNodes;
  private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
  private final Map<String, Set<String>> actors = new LinkedHashMap<>();
  private final Set<GraphEdge> edges = new LinkedHashSet<>();
  private boolean truncated;

  GraphBuilder(int maxNodes) {
    this.maxNodes = maxNodes;
  }

  private int size() {
    return nodes.size() + actors.size();
  }

  /** Adds the node unless present; false (and truncated) when the cap is reached. */
  boolean add(GraphNode n) {
    if (nodes.containsKey(n.id())) {
      return true;
    }
    if (size() >= maxNodes) {
      truncated = true;
      return false;
    }
    nodes.put(n.id(), n);
    return true;
  }

  /** Adds an actor with a role (dvm or user); false (and truncated) when the cap is reached. */
  boolean actor(String pubkey, String role) {
    if (pubkey == null) {
      return false;
    }
    Set<String> roles = actors.get(pubkey);
    if (roles == null) {
      if (size() >= maxNodes) {
        truncated = true;
        return false;
      }
      roles = new LinkedHashSet<>();
      actors.put(pubkey, roles);
    }
    roles.add(role);
    return true;
  }

  boolean has(String id) {
    return nodes.containsKey(id) || actors.containsKey(id);
  }

  void edge(String from, String to, String type) {
    if (from != null && to != null && has(from) && has(to)) {
      edges.add(new GraphEdge(from, to, type));
    }
  }

  boolean truncated() {
    return truncated;
  }

  List<GraphNode> nodes() {
    List<GraphNode> out = new ArrayList<>(nodes.values());
    for (Map.Entry<String, Set<String>> a : actors.entrySet()) {
      List<String> roles = new ArrayList<>(a.getValue());
      roles.sort(null);
      String type = roles.contains(GraphNode.DVM) ? GraphNode.DVM : GraphNode.USER;
      String label = (roles.size() > 1 ? "DVM and requester " : type.equals(GraphNode.DVM) ? "DVM " : "user ")
          + Wording.shortNpub(a.getKey());
      out.add(new GraphNode(a.getKey(), type, null, a.getKey(), null, null, null, null, null, null, null, null,
          false, roles, label));
    }
    return out;
  }

  List<GraphEdge> edges() {
    return new ArrayList<>(edges);
  }
}
