package dvmdash.api;

import dvmdash.shared.Addresses;
import dvmdash.store.ProfileRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Names and pictures of the requesters an answer shows: adds {@code "profiles": {pubkey: {name, picture}}} from the
 * cached kind 0 profiles, and asks the collectors ({@link Addresses#PROFILES_WANTED}) to fetch and keep following those
 * requesters' kind 0, within their bound ({@code requester_profiles_max}), as they do for every DVM.
 */
public final class RequesterNames {

  private final Vertx vertx;
  private final ProfileRepository profiles;

  public RequesterNames(Vertx vertx, ProfileRepository profiles) {
    this.vertx = vertx;
    this.profiles = profiles;
  }

  /** {@code answer} with its {@code profiles} member; null stays null (a 404). */
  public Future<JsonObject> attach(JsonObject answer, Set<String> requesters) {
    if (answer == null) {
      return Future.succeededFuture(null);
    }
    if (!requesters.isEmpty()) {
      vertx.eventBus().publish(Addresses.PROFILES_WANTED, new JsonArray(requesters.stream().toList()));
    }
    return profiles.namesOf(requesters).map(p -> answer.put("profiles", p));
  }
}
