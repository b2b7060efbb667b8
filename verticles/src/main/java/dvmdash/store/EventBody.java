package dvmdash.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The tags and the content of a raw event in one value ({@code events.body}, schema version 22): the tags array and
 * the content string literal exactly as the NIP-01 JSON writes them ({@link StoredRow}), UTF-8, compressed with
 * DEFLATE against a fixed dictionary of the texts DVM events repeat (tag names, the JSON of an embedded request, relay
 * addresses). Hex ids and signatures make up most of an event; DEFLATE's Huffman codes store each hex digit in about 4
 * bits, and ids repeated inside one event (a result embeds its request) are stored once.
 *
 * <p>Layout: one format byte, the tags' length in bytes (4 bytes, big-endian), then the tags and the content, raw or
 * compressed as the format byte says. {@link #UNTRIED} rows were written by the schema upgrade from the earlier
 * columns and are compressed once by {@link RawRowCompaction}; {@link #STORED} means compression did not make it
 * smaller. The dictionary is part of the stored format: it never changes (a new one would be a new format byte).
 */
final class EventBody {

  /** Not compressed yet (written by the schema upgrade). */
  static final byte UNTRIED = 0;
  /** DEFLATE (raw, no zlib header) with {@link #DICTIONARY}. */
  static final byte DEFLATED = 1;
  /** Kept as is: compressing did not make it smaller. */
  static final byte STORED = 2;

  /** Texts DVM events repeat, the most frequent last (DEFLATE codes near distances more cheaply). Never changes. */
  static final byte[] DICTIONARY = String.join("",
      "[\"alt\",\"",
      "[\"expiration\",\"",
      "[\"encrypted\"]",
      "[\"output\",\"text/plain\"]",
      "[\"web\",\"https://",
      "{\\\"name\\\":\\\"",
      "\\\",\\\"about\\\":\\\"",
      "\\\",\\\"picture\\\":\\\"https://",
      "[\"d\",\"",
      "[\"k\",\"5",
      "[\"bid\",\"",
      "[\"amount\",\"",
      "000\",\"lnbc",
      "[\"status\",\"payment-required\",\"",
      "[\"status\",\"error\",\"",
      "[\"status\",\"success\",\"",
      "[\"status\",\"processing\",\"",
      "[\"status\",\"partial\",\"",
      "[\"i\",\"https://",
      "\",\"url\"]",
      "\",\"event\"]",
      "\",\"job\"]",
      "\",\"text\"]",
      "[\"param\",\"",
      "[\"relays\",\"wss://relay.damus.io\",\"wss://nos.lol\",\"wss://relay.primal.net\",\"wss://relay.nostr.band\"]",
      "[\"request\",\"{\\\"id\\\":\\\"",
      "\\\",\\\"pubkey\\\":\\\"",
      "\\\",\\\"created_at\\\":17",
      ",\\\"kind\\\":5",
      ",\\\"tags\\\":[[\\\"i\\\",\\\"",
      "[\\\"param\\\",\\\"",
      "\\\"],[\\\"",
      "[\\\"relays\\\",\\\"wss://",
      "\\\"]],\\\"content\\\":\\\"",
      "\\\",\\\"sig\\\":\\\"",
      "\\\"}\"],",
      "[[\\\"e\\\",\\\"",
      "\\\"],[\\\"e\\\",\\\"",
      "\",\"wss://",
      "[\"p\",\"",
      "\"],[\"p\",\"",
      "[[\"e\",\"",
      "\"],[\"e\",\"").getBytes(StandardCharsets.UTF_8);

  private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(
      () -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
  private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

  /** The stored tags and content, as {@link StoredRow} writes them. */
  record Parts(String tagsJson, String contentJson) {
  }

  private EventBody() {
  }

  /** The compressed body (or the stored one when compressing does not make it smaller). */
  static byte[] encode(String tagsJson, String contentJson) {
    byte[] tags = tagsJson.getBytes(StandardCharsets.UTF_8);
    byte[] content = contentJson.getBytes(StandardCharsets.UTF_8);
    byte[] plain = new byte[tags.length + content.length];
    System.arraycopy(tags, 0, plain, 0, tags.length);
    System.arraycopy(content, 0, plain, tags.length, content.length);
    Deflater d = DEFLATERS.get();
    d.reset();
    d.setDictionary(DICTIONARY);
    d.setInput(plain);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
    header(out, DEFLATED, tags.length);
    byte[] chunk = new byte[Math.max(64, plain.length)];
    while (!d.finished()) {
      out.write(chunk, 0, d.deflate(chunk));
      if (out.size() >= plain.length + 5) {
        return stored(STORED, tags.length, plain);
      }
    }
    return out.toByteArray();
  }

  /** A body that keeps {@code tags} and {@code content} as they are, in format {@code format}. */
  static byte[] stored(byte format, int tagsLength, byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 5);
    header(out, format, tagsLength);
    out.write(plain, 0, plain.length);
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, byte format, int tagsLength) {
    out.write(format);
    out.write(tagsLength >>> 24);
    out.write(tagsLength >>> 16);
    out.write(tagsLength >>> 8);
    out.write(tagsLength);
  }

  /** The format byte of a stored body. */
  static byte format(byte[] body) {
    return body[0];
  }

  /** The tags and content of a stored body, whatever its format. */
  static Parts decode(byte[] body) {
    if (body.length < 5) {
      throw new IllegalArgumentException("event body of " + body.length + " bytes: no header");
    }
    int tagsLength = ((body[1] & 0xff) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
    byte[] plain = switch (body[0]) {
      case UNTRIED, STORED -> java.util.Arrays.copyOfRange(body, 5, body.length);
      case DEFLATED -> inflate(body);
      default -> throw new IllegalArgumentException("unknown event body format " + body[0]);
    };
    if (tagsLength < 0 || tagsLength > plain.length) {
      throw new IllegalArgumentException("event body: tags length " + tagsLength + " of " + plain.length);
    }
    return new Parts(new String(plain, 0, tagsLength, StandardCharsets.UTF_8),
        new String(plain, tagsLength, plain.length - tagsLength, StandardCharsets.UTF_8));
  }

  private static byte[] inflate(byte[] body) {
    Inflater inf = INFLATERS.get();
    inf.reset();
    inf.setDictionary(DICTIONARY);
    inf.setInput(body, 5, body.length - 5);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 3);
    byte[] chunk = new byte[Math.max(256, body.length * 3)];
    try {
      while (!inf.finished()) {
        int n = inf.inflate(chunk);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IllegalArgumentException("event body: truncated compressed data");
        }
        out.write(chunk, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("event body: corrupt compressed data", e);
    }
    return out.toByteArray();
  }
}
