package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays that misbehave, for {@code scripts/soak} (never part of a deployment). One WebSocket server per mode, each
 * printing {@code RELAY <mode> ws://127.0.0.1:P}. Every mode answers a REQ and then, per connection:
 * <ul>
 *   <li>{@code giant}: a 3 MiB frame after each EOSE;</li>
 *   <li>{@code fragmented}: a 3 MiB message in 64 KiB fragments after each EOSE;</li>
 *   <li>{@code drop}: closes the connection one second after each EOSE;</li>
 *   <li>{@code slow}: sends the events of {@code --serve FILE} one every 20 ms before its EOSE (a slow backlog; they
 *       are the normal relay's events, so they are duplicates and change no figure);</li>
 *   <li>{@code flood}: 500 NOTICE and 500 CLOSED frames a second;</li>
 *   <li>{@code old}: 10 valid signed job requests a second dated 1970-1972 (rejected as too_old);</li>
 *   <li>{@code dupkey}: 10 job requests a second repeating the {@code kind} key (rejected as duplicate_key).</li>
 * </ul>
 * Usage: {@code java -cp dvmdash.jar dvmdash.simulator.HostileRelay --modes giant,drop,... [--serve FILE]}.
 */
public final class HostileRelay {

  private static final int GIANT = 3 * 1024 * 1024;
  private static final EventSigner SIGNER = EventSigner.fromSeed(6666);

  private final Vertx vertx;
  private final String mode;
  private final List<String> backlog;
  private final AtomicLong counter = new AtomicLong();

  private HostileRelay(Vertx vertx, String mode, List<String> backlog) {
    this.vertx = vertx;
    this.mode = mode;
    this.backlog = backlog;
  }

  public static void main(String[] args) throws Exception {
    String modes = "giant,fragmented,drop,slow,flood,old,dupkey";
    Path serve = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--modes" -> modes = args[i + 1];
        case "--serve" -> serve = Path.of(args[i + 1]);
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    List<String> backlog = new ArrayList<>();
    if (serve != null) {
      try (var lines = Files.lines(serve)) {
        lines.limit(3000).forEach(backlog::add);
      }
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
    for (String mode : modes.split(",")) {
      HostileRelay relay = new HostileRelay(vertx, mode.trim(), backlog);
      relay.listen().onSuccess(port -> System.out.println("RELAY " + mode.trim() + " ws://127.0.0.1:" + port))
          .onFailure(t -> {
            t.printStackTrace();
            System.exit(1);
          });
    }
  }

  private Future<Integer> listen() {
    return vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketFrameSize(1 << 20))
        .webSocketHandler(this::socket)
        .listen(0, "127.0.0.1")
        .map(s -> s.actualPort());
  }

  private void socket(ServerWebSocket ws) {
    List<Long> timers = new ArrayList<>();
    ws.closeHandler(v -> timers.forEach(vertx::cancelTimer));
    ws.exceptionHandler(e -> { });
    ws.textMessageHandler(text -> {
      JsonArray msg;
      try {
        msg = new JsonArray(text);
      } catch (RuntimeException e) {
        return;
      }
      if (!"REQ".equals(msg.getValue(0)) || !(msg.getValue(1) instanceof String sub)) {
        return;
      }
      if (sub.startsWith("prof-")) {
        write(ws, new JsonArray().add("EOSE").add(sub).encode());
        return;
      }
      switch (mode) {
        case "slow" -> slowBacklog(ws, sub, timers);
        case "flood" -> {
          eose(ws, sub);
          timers.add(vertx.setPeriodic(100, t -> {
            for (int i = 0; i < 50; i++) {
              write(ws, new JsonArray().add("NOTICE").add("flood " + counter.incrementAndGet()).encode());
              write(ws, new JsonArray().add("CLOSED").add("x" + counter.get()).add("error: flood").encode());
            }
          }));
        }
        case "old" -> {
          eose(ws, sub);
          timers.add(vertx.setPeriodic(100, t -> write(ws, new JsonArray().add("EVENT").add(sub)
              .add(json(SIGNER.sign(counter.incrementAndGet() * 3600, 5300, List.of(), "old"))).encode())));
        }
        case "dupkey" -> {
          eose(ws, sub);
          timers.add(vertx.setPeriodic(100, t -> {
            JsonObject ev = json(SIGNER.sign(System.currentTimeMillis() / 1000 - 5, 5300, List.of(),
                "dup " + counter.incrementAndGet()));
            write(ws, new JsonArray().add("EVENT").add(sub).add(ev).encode()
                .replace("\"kind\":5300", "\"kind\":1,\"kind\":5300"));
          }));
        }
        case "giant" -> {
          eose(ws, sub);
          write(ws, "[\"NOTICE\",\"" + "g".repeat(GIANT) + "\"]");
        }
        case "fragmented" -> {
          eose(ws, sub);
          int part = 64 * 1024;
          ws.writeFrame(WebSocketFrame.textFrame("[\"NOTICE\",\"", false));
          for (int sent = 0; sent < GIANT; sent += part) {
            ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("f".repeat(part)), false));
          }
          ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"]"), true));
        }
        case "drop" -> {
          eose(ws, sub);
          timers.add(vertx.setTimer(1000, t -> ws.close()));
        }
        default -> eose(ws, sub);
      }
    });
  }

  private void slowBacklog(ServerWebSocket ws, String sub, List<Long> timers) {
    int[] next = {0};
    timers.add(vertx.setPeriodic(20, t -> {
      if (next[0] >= backlog.size()) {
        vertx.cancelTimer(t);
        eose(ws, sub);
        return;
      }
      write(ws, "[\"EVENT\",\"" + sub + "\"," + backlog.get(next[0]++) + "]");
    }));
  }

  private static JsonObject json(NostrEvent e) {
    JsonArray tags = new JsonArray();
    e.tags().forEach(t -> tags.add(new JsonArray(List.copyOf(t))));
    return new JsonObject().put("id", e.id()).put("pubkey", e.pubkey()).put("created_at", e.createdAt())
        .put("kind", e.kind()).put("tags", tags).put("content", e.content()).put("sig", e.sig());
  }

  private void eose(ServerWebSocket ws, String sub) {
    write(ws, new JsonArray().add("EOSE").add(sub).encode());
  }

  private static void write(ServerWebSocket ws, String text) {
    if (!ws.isClosed() && !ws.writeQueueFull()) {
      ws.writeTextMessage(text).onFailure(e -> { });
    }
  }
}
