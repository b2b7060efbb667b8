package dvmdash.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Debian's redis-server on a free loopback port, without persistence unless asked, its files under {@code dir}. */
public final class RedisProcess extends ServerProcess {

  public final int port;

  private RedisProcess(Path dir, int port, boolean appendOnly) {
    super(dir, List.of(binary("redis-server", "redis-server"), "--port", String.valueOf(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always",
        "--dir", dir.toString()));
    this.port = port;
  }

  public static RedisProcess start(Path dir) throws Exception {
    return start(dir, false);
  }

  /** With {@code appendOnly}, a restart keeps the stream (as production's redis.conf does). */
  public static RedisProcess start(Path dir, boolean appendOnly) throws Exception {
    RedisProcess r = new RedisProcess(dir, freePort(), appendOnly);
    r.launch(r::answersPing, 30);
    return r;
  }

  /** Stops and starts the server again on the same port and folder. */
  public void restart() throws Exception {
    close();
    launch(this::answersPing, 30);
  }

  /** Kills the server with SIGKILL and starts it again on the same port and folder (with the AOF: same data). */
  public void crashAndRestart() throws Exception {
    kill();
    launch(this::answersPing, 30);
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  boolean answersPing() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[16];
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
