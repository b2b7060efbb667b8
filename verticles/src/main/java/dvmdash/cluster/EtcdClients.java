package dvmdash.cluster;

import dvmdash.shared.config.EtcdConfig;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;

/** jetcd client construction and key helpers. */
public final class EtcdClients {

  private EtcdClients() {
  }

  public static Client create(EtcdConfig cfg) {
    return Client.builder()
        .endpoints(cfg.endpoints().toArray(String[]::new))
        .retryDelay(200)
        .retryMaxDelay(2000)
        .build();
  }

  public static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  public static String text(ByteSequence b) {
    return b.toString(StandardCharsets.UTF_8);
  }
}
