package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Compares API answers with independently computed expectations. */
public final class JsonAssert {

  private JsonAssert() {
  }

  /** Every field of {@code expected} must equal the same field of {@code actual} (numbers by value). */
  public static void assertSubset(String where, Object expected, Object actual) {
    if (expected instanceof JsonObject e) {
      if (!(actual instanceof JsonObject a)) {
        fail(where + ": expected an object " + e + " but got " + actual);
        return;
      }
      for (String key : e.fieldNames()) {
        if (!a.containsKey(key)) {
          fail(where + "." + key + " missing in " + a);
        }
        assertSubset(where + "." + key, e.getValue(key), a.getValue(key));
      }
    } else if (expected instanceof JsonArray e) {
      if (!(actual instanceof JsonArray a)) {
        fail(where + ": expected an array " + e + " but got " + actual);
        return;
      }
      assertEquals(e.size(), a.size(), where + " size (expected " + e + ", got " + a + ")");
      for (int i = 0; i < e.size(); i++) {
        assertSubset(where + "[" + i + "]", e.getValue(i), a.getValue(i));
      }
    } else if (expected instanceof Number e) {
      assertNotNull(actual, where + " is null, expected " + e);
      if (!(actual instanceof Number a)) {
        fail(where + ": expected number " + e + " got " + actual);
        return;
      }
      if (e instanceof Double || e instanceof Float || a instanceof Double || a instanceof Float) {
        assertEquals(e.doubleValue(), a.doubleValue(), 1e-6 * Math.max(1, Math.abs(e.doubleValue())), where);
      } else {
        assertEquals(e.longValue(), a.longValue(), where);
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }

  /** Same members by key, each compared with {@link #assertSubset}. */
  public static void assertSameMembers(String where, JsonArray expected, JsonArray actual,
                                       Function<JsonObject, Object> key) {
    Map<String, JsonObject> e = index(expected, key);
    Map<String, JsonObject> a = index(actual, key);
    assertEquals(e.keySet(), a.keySet(), where + " members");
    for (Map.Entry<String, JsonObject> entry : e.entrySet()) {
      assertSubset(where + "[" + entry.getKey() + "]", entry.getValue(), a.get(entry.getKey()));
    }
  }

  private static Map<String, JsonObject> index(JsonArray arr, Function<JsonObject, Object> key) {
    Map<String, JsonObject> m = new TreeMap<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonObject o = arr.getJsonObject(i);
      m.put(String.valueOf(key.apply(o)), o);
    }
    return m;
  }
}
