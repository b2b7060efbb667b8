package dvmdash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.reload.ConfigSource;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles, Redis and etcd settings, and their environment overrides, from the bundled and per-environment files. */
class RoleConfigTest {

  @Test
  void defaultsAreTheSingleNodePipeline() throws Exception {
    JsonObject c = ConfigSource.local(null);
    assertEquals(NodeRoles.ALL, NodeRoles.fromJson(c));
    assertFalse(QueueConfig.fromJson(c).enabled());
    assertFalse(EtcdConfig.fromJson(c).enabled());
  }

  @Test
  void rolesParse() {
    assertEquals(new NodeRoles(true, false, false), NodeRoles.parse("collector"));
    assertEquals(new NodeRoles(false, true, true), NodeRoles.parse(" Processor, api "));
    assertEquals(NodeRoles.ALL, NodeRoles.parse(""));
    assertEquals("processor,api", NodeRoles.parse("api,processor").toString());
    assertFalse(NodeRoles.parse("collector").needsStores());
    assertThrows(IllegalArgumentException.class, () -> NodeRoles.parse("collector,worker"));
    assertThrows(IllegalArgumentException.class, () -> NodeRoles.parse(","));
  }

  @Test
  void environmentOverridesRoleRedisAndEtcd() {
    JsonObject base = new JsonObject().put("role", "all")
        .put("redis", new JsonObject().put("url", ""))
        .put("etcd", new JsonObject().put("endpoints", new io.vertx.core.json.JsonArray()));
    JsonObject c = dvmdash.shared.config.ConfigLoader.applyEnv(base, Map.of(
        "DVMDASH_ROLE", "collector",
        "DVMDASH_REDIS_URL", "redis://10.0.0.5:6379",
        "DVMDASH_ETCD_ENDPOINTS", "http://10.0.0.5:2379, http://10.0.0.6:2379"));
    assertEquals(new NodeRoles(true, false, false), NodeRoles.fromJson(c));
    assertEquals("redis://10.0.0.5:6379", QueueConfig.fromJson(c).url());
    assertEquals(List.of("http://10.0.0.5:2379", "http://10.0.0.6:2379"), EtcdConfig.fromJson(c).endpoints());
  }

  @Test
  void environmentFilesEnableTheQueueAndTheLocks() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    for (String env : List.of("dev", "prod")) {
      JsonObject c = ConfigSource.local(root.resolve("config/" + env + ".json"));
      assertTrue(QueueConfig.fromJson(c).enabled(), env);
      assertTrue(EtcdConfig.fromJson(c).enabled(), env);
      NodeRoles.fromJson(c);
    }
  }

  @Test
  void badValuesFailFast() {
    assertThrows(IllegalArgumentException.class, () -> QueueConfig.fromJson(new JsonObject()
        .put("redis", new JsonObject().put("url", "http://x"))));
    assertThrows(IllegalArgumentException.class, () -> EtcdConfig.fromJson(new JsonObject()
        .put("etcd", new JsonObject().put("endpoints", "10.0.0.1:2379"))));
    assertThrows(IllegalArgumentException.class, () -> EtcdConfig.fromJson(new JsonObject()
        .put("etcd", new JsonObject().put("endpoints", "http://a:2379").put("lease_ttl_seconds", 1))));
  }

  @Test
  void retentionKeepsRawEventsByDefaultAndIsSetByEnvironment() throws Exception {
    JsonObject defaults = ConfigSource.local(null);
    var bundled = dvmdash.shared.config.RetentionConfig.fromJson(defaults);
    assertTrue(bundled.enabled(), "on by default: it only deletes minute and hour rows no figure reads");
    assertEquals(0, bundled.rawDays(), "raw events are kept unless raw_days is set");
    assertEquals(45, bundled.minuteDays());
    assertFalse(dvmdash.shared.config.RetentionConfig.fromJson(dvmdash.shared.config.ConfigLoader.applyEnv(defaults,
        Map.of("DVMDASH_RETENTION_ENABLED", "false"))).enabled());
    JsonObject c = dvmdash.shared.config.ConfigLoader.applyEnv(defaults, Map.of(
        "DVMDASH_RETENTION_ENABLED", "true", "DVMDASH_RETENTION_RAW_DAYS", "90",
        "DVMDASH_RETENTION_MINUTE_DAYS", "60"));
    var r = dvmdash.shared.config.RetentionConfig.fromJson(c);
    assertTrue(r.enabled());
    assertEquals(90, r.rawDays());
    assertEquals(60, r.minuteDays());
    assertThrows(IllegalArgumentException.class, () -> dvmdash.shared.config.ConfigLoader.applyEnv(defaults,
        Map.of("DVMDASH_RETENTION_ENABLED", "yes")));
    assertThrows(IllegalArgumentException.class, () -> dvmdash.shared.config.RetentionConfig.fromJson(
        dvmdash.shared.config.ConfigLoader.applyEnv(defaults, Map.of("DVMDASH_RETENTION_MINUTE_DAYS", "7"))));
  }
}
