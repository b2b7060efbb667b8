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
  /** Kind of the pings simulated DVMs answer. */
  public static final int PING = 7007;
  public static final long SLOW_PONG_MILLIS = 3_000;

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
    if (request.kind() == PING) {
      pong(request);
      return;
    }
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

  /**
   * A kind 7007 ping p-tagging a simulated DVM gets a kind 7000 {@code pong} (status tag, {@code e} = the ping,
   * {@code p} = its author), by persona: indexes 0 and 1 (mod 4) after 0.2 s, 2 slowly after {@link #SLOW_PONG_MILLIS},
   * 3 never.
   */
  private void pong(NostrEvent ping) {
    if (!answered.add(ping.id())) {
      return;
    }
    for (DvmPersona d : dvms) {
      if (!ping.tagValues("p").contains(d.pubkey()) || d.index() % 4 == 3) {
        continue;
      }
      long delay = d.index() % 4 == 2 ? SLOW_PONG_MILLIS : 200;
      vertx.setTimer(delay, id -> publisher.accept(d.signer().sign(System.currentTimeMillis() / 1000, 7000,
          List.of(List.of("status", "pong"), List.of("e", ping.id()), List.of("p", ping.pubkey())), "")));
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
