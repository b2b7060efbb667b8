package dvmdash.store;

import dvmdash.shared.nostr.CanonicalSerializer;
import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one raw event is laid out in a row of {@code events} (schema versions 19 and 22): id and pubkey as their 32
 * bytes, created_at and kind in their own columns, the tags array and the content string as the NIP-01 JSON writes
 * them (the content as a JSON string literal, so every character survives, NUL included) compressed together in
 * {@code body} ({@link EventBody}), the signature as its 64 bytes. Each field is stored once and read back to exactly
 * the signed values.
 */
final class StoredRow {

  /** The stored columns of {@link #COLUMNS}, relays as their ids (for a subquery that {@link #COLUMNS} then reads). */
  static final String RAW_COLUMNS = "id, pubkey, created_at, kind, body, sig, first_seen, relays";
  /**
   * The columns {@link #read} expects, in this order: the relays as their URLs, sorted (schema version 26; a subquery
   * planned with the statement, not the SQL function {@code dvmdash_relay_urls}, which would be planned again at every
   * execution).
   */
  static final String COLUMNS = "id, pubkey, created_at, kind, body, sig, first_seen,"
      + " ARRAY(SELECT ru.url FROM relay_urls ru WHERE ru.id = ANY(relays) ORDER BY ru.url)";

  private StoredRow() {
  }

  static String tagsJson(NostrEvent e) {
    StringBuilder sb = new StringBuilder(64 * e.tags().size() + 2);
    CanonicalSerializer.appendTags(sb, e.tags());
    return sb.toString();
  }

  static String contentJson(NostrEvent e) {
    StringBuilder sb = new StringBuilder(e.content().length() + 2);
    CanonicalSerializer.appendString(sb, e.content());
    return sb.toString();
  }

  static Buffer sig(NostrEvent e) {
    return Buffer.buffer(Hex.decode(e.sig()));
  }

  static Buffer body(NostrEvent e) {
    return Buffer.buffer(EventBody.encode(tagsJson(e), contentJson(e)));
  }

  /** The stored event of a row selected with {@link #COLUMNS}. */
  static StoredEvent read(Row r) {
    EventBody.Parts body = EventBody.decode(r.getBuffer(4).getBytes());
    JsonArray tagArrays = new JsonArray(body.tagsJson());
    List<List<String>> tags = new ArrayList<>(tagArrays.size());
    for (int i = 0; i < tagArrays.size(); i++) {
      JsonArray tag = tagArrays.getJsonArray(i);
      List<String> values = new ArrayList<>(tag.size());
      for (int j = 0; j < tag.size(); j++) {
        values.add(tag.getString(j));
      }
      tags.add(values);
    }
    String content = (String) Json.decodeValue(body.contentJson());
    NostrEvent e = new NostrEvent(Hex.encode(r.getBuffer(0).getBytes()), Hex.encode(r.getBuffer(1).getBytes()),
        r.getLong(2), r.getInteger(3), tags, content, Hex.encode(r.getBuffer(5).getBytes()));
    String[] relays = r.getArrayOfStrings(7);
    return new StoredEvent(e, r.getLong(6), relays == null ? List.of() : Arrays.asList(relays));
  }
}
