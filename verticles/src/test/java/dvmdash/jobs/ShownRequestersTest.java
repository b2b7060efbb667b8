package dvmdash.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShownRequestersTest {

  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);
  static final String D = "d".repeat(64);

  @Test
  void jobListRowsGiveTheirUsersOnceInRowOrder() {
    JsonObject list = new JsonObject().put("jobs", new JsonArray()
        .add(new JsonObject().put("user", B)).add(new JsonObject().put("user", A))
        .add(new JsonObject().put("user", B)).add(new JsonObject().putNull("user")));
    assertEquals(List.of(B, A), List.copyOf(ShownRequesters.ofJobList(list)));
  }

  @Test
  void aJobGivesItsRequesterAndTheGraphsUsersButNotItsDvms() {
    JsonObject doc = new JsonObject()
        .put("request", new JsonObject().put("user", A))
        .put("nodes", new JsonArray()
            .add(new JsonObject().put("id", D).put("type", "dvm"))
            .add(new JsonObject().put("id", B).put("type", "user"))
            .add(new JsonObject().put("id", "e".repeat(64)).put("type", "request").put("pubkey", A)));
    assertEquals(List.of(A, B), List.copyOf(ShownRequesters.ofJob(doc)));
  }

  @Test
  void anEventPageGivesItsAuthorsOnceInRowOrder() {
    JsonObject page = new JsonObject().put("events", new JsonArray()
        .add(new JsonObject().put("event", new JsonObject().put("pubkey", D)))
        .add(new JsonObject().put("event", new JsonObject().put("pubkey", A)))
        .add(new JsonObject().put("event", new JsonObject().put("pubkey", D)))
        .add(new JsonObject().put("event", new JsonObject().put("pubkey", "not hex")))
        .add(new JsonObject().put("first_seen", 1)));
    assertEquals(List.of(D, A), List.copyOf(ShownRequesters.ofEventList(page)));
    assertEquals(List.of(), List.copyOf(ShownRequesters.ofEventList(new JsonObject().put("events", new JsonArray()))));
    assertEquals(List.of(A), List.copyOf(ShownRequesters.ofEvent(new JsonObject()
        .put("event", new JsonObject().put("pubkey", A)))));
    assertEquals(List.of(), List.copyOf(ShownRequesters.ofEvent(null)));
  }
}
