package dvmdash.simulator;

import java.util.ArrayList;
import java.util.List;

/** Kind-specific request tags and result content that look like real NIP-90 traffic. */
public final class JobContent {

  private static final List<String> PROMPTS = List.of("a cat riding a bitcoin through space",
    "summarize the week on nostr", "write a haiku about relays", "explain zaps to my grandmother",
    "draw a lighthouse at dawn", "translate this note please");
  private static final List<String> RELAYS = List.of("wss://relay.damus.io", "wss://nos.lol",
    "wss://relay.primal.net", "wss://relay.nostr.band");

  private JobContent() {
  }

  /** Clear (unencrypted) request tags for a kind, without p tags. */
  public static List<List<String>> requestTags(int kind, SimRandom rng, String customer) {
    List<List<String>> tags = new ArrayList<>();
    switch (kind) {
      case 5050 -> {
        tags.add(List.of("i", rng.pick(PROMPTS), "text"));
        tags.add(List.of("param", "model", rng.pick(List.of("llama3", "mistral-7b", "gpt-4o-mini"))));
        tags.add(List.of("param", "max_tokens", "512"));
        tags.add(List.of("output", "text/plain"));
      }
      case 5100 -> {
        tags.add(List.of("i", rng.pick(PROMPTS), "text"));
        tags.add(List.of("param", "size", "1024x1024"));
        tags.add(List.of("output", "image/png"));
      }
      case 5000 -> {
        tags.add(List.of("i", "https://media.example.com/" + rng.hex(6) + ".mp3", "url"));
        tags.add(List.of("param", "range", "0", Integer.toString(rng.between(30, 600))));
        tags.add(List.of("output", "text/plain"));
      }
      case 5002 -> {
        tags.add(List.of("i", "Hola mundo, ¿qué tal? 👋", "text"));
        tags.add(List.of("param", "language", rng.pick(List.of("en", "de", "ja"))));
      }
      case 5312 -> {
        tags.add(List.of("param", "target", rng.hex(32)));
        tags.add(List.of("param", "limit", "5"));
      }
      case 5302 -> {
        tags.add(List.of("i", rng.pick(List.of("bitcoin", "nostr dvm", "lightning", "zapathon")), "text"));
        tags.add(List.of("param", "max_results", "20"));
      }
      default -> {
        if (rng.chance(0.5)) {
          tags.add(List.of("param", "max_results", Integer.toString(rng.between(20, 201))));
        }
        if (rng.chance(0.3)) {
          tags.add(List.of("param", "user", customer));
        }
      }
    }
    if (rng.chance(0.25)) {
      tags.add(List.of("bid", Long.toString(rng.between(1, 100) * 1000L)));
    }
    if (rng.chance(0.6)) {
      tags.add(List.of("relays", rng.pick(RELAYS), rng.pick(RELAYS)));
    }
    return tags;
  }

  /** Result content for a request kind. */
  public static String resultContent(int requestKind, SimRandom rng) {
    switch (requestKind) {
      case 5300, 5302 -> {
        StringBuilder sb = new StringBuilder("[");
        int n = rng.between(3, 12);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append("[\"e\",\"").append(rng.hex(32)).append("\"]");
        }
        return sb.append(']').toString();
      }
      case 5312 -> {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
          sb.append(i > 0 ? "," : "").append("{\"pubkey\":\"").append(rng.hex(32)).append("\",\"rank\":")
            .append(String.format(java.util.Locale.ROOT, "%.6f", rng.nextDouble() / (i + 1))).append('}');
        }
        return sb.append(']').toString();
      }
      case 5100 -> {
        return "https://image.example.com/" + rng.hex(8) + ".png";
      }
      case 5000 -> {
        return "So, uh, today we talk about relays.\nThen about zaps.";
      }
      case 5002 -> {
        return "Hello world, how are you? 👋";
      }
      default -> {
        return "Relays hum at night\nnotes drift like autumn leaves\nzaps light the dark sky";
      }
    }
  }

  /** NIP-04-looking ciphertext: {@code base64?iv=base64}. */
  public static String nip04Ciphertext(SimRandom rng) {
    return rng.base64(rng.between(48, 160)) + "?iv=" + rng.base64(16);
  }
}
