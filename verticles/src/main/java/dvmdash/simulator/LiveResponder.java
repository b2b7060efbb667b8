package dvmdash.simulator;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lets simulated DVMs answer requests that clients publish (the playground): for a kind 5050 or 5300 request that
 * p-tags one of them (or, without p tag, up to two that serve the kind), each sends processing feedback at once and
 * a result {@code resultDelayMillis} later. Each request is answered once, whichever relays carried it.
 */
public final class LiveResponder {

  public static final Set<Integer> ANSWERED_KINDS = Set.of(5050, 5300);

  private final Vertx vertx;
  private final List<DvmPersona> dvms;
  private final JobFlowGenerator jobs;
  private final Consumer<NostrEvent> publisher;
  private final long resultDelayMillis;
  private final Set<String> answered = new HashSet<>();
  private final Set<String> ownKeys = new HashSet<>();

  public LiveResponder(Vertx vertx, SimulatedNetwork network, Consumer<NostrEvent> publisher,
                       long resultDelayMillis) {
    this.vertx = vertx;
    this.dvms = network.dvms();
    this.jobs = new JobFlowGenerator(new SimRandom(network.plan().seed() ^ 0x7e5b0d1eL), dvms,
      network.lnurlServer());
    this.publisher = publisher;
    this.resultDelayMillis = resultDelayMillis;
    for (DvmPersona d : dvms) {
      ownKeys.add(d.pubkey());
    }
  }

  /** Handles one event a client published; ignores everything but new 5050/5300 requests from outsiders. */
  public synchronized void onClientEvent(NostrEvent request) {
    if (!ANSWERED_KINDS.contains(request.kind()) || ownKeys.contains(request.pubkey())
        || !answered.add(request.id())) {
      return;
    }
    for (DvmPersona d : chooseResponders(request)) {
      long now = System.currentTimeMillis() / 1000;
      publisher.accept(jobs.feedback(d, request, now, "processing", null, ""));
      vertx.setTimer(resultDelayMillis, id -> publisher.accept(result(d, request)));
    }
  }

  private synchronized NostrEvent result(DvmPersona d, NostrEvent request) {
    long t = Math.max(request.createdAt(), System.currentTimeMillis() / 1000);
    return jobs.result(d, request, t, null);
  }

  private List<DvmPersona> chooseResponders(NostrEvent request) {
    List<String> targets = request.tagValues("p");
    List<DvmPersona> out = new ArrayList<>();
    for (DvmPersona d : dvms) {
      boolean wanted = targets.isEmpty() ? d.serves(request.kind()) : targets.contains(d.pubkey());
      if (wanted && out.size() < (targets.isEmpty() ? 2 : targets.size())) {
        out.add(d);
      }
    }
    return out;
  }
}
