package dvmdash.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's etcd (3.4) as a one-member cluster on free loopback ports, data under {@code dir}. */
public final class EtcdProcess extends ServerProcess {

  public final int clientPort;

  private EtcdProcess(Path dir, int clientPort, int peerPort) {
    super(dir, List.of(binary("etcd", "etcd-server"), "--name", "n", "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", "http://127.0.0.1:" + clientPort,
        "--advertise-client-urls", "http://127.0.0.1:" + clientPort,
        "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
        "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
        "--initial-cluster", "n=http://127.0.0.1:" + peerPort,
        "--log-outputs", "stderr", "--logger", "zap"));
    this.clientPort = clientPort;
  }

  public static EtcdProcess start(Path dir) throws Exception {
    EtcdProcess e = new EtcdProcess(dir, freePort(), freePort());
    e.launch(e::healthy, 60);
    return e;
  }

  /** Stops and starts the member again with the same data. */
  public void restart() throws Exception {
    close();
    launch(this::healthy, 60);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  boolean healthy() {
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()
          .send(HttpRequest.newBuilder(URI.create(endpoint() + "/health")).timeout(Duration.ofSeconds(1)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body().contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
