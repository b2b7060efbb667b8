package dvmdash.health;

import io.vertx.core.Future;

/** Sends one ping to a DVM; resolves to the number of relays it was written to. */
@FunctionalInterface
public interface Pinger {

  Future<Integer> ping(String dvm, long now);
}
