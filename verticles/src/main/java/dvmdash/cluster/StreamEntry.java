package dvmdash.cluster;

import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** One stream entry as read by XREADGROUP or XAUTOCLAIM: its id and its {@code events} field (null if none). */
public record StreamEntry(String id, String events) {

  /** Entries of an XREADGROUP reply for one stream (RESP2: [[stream, [[id, [field, value, ...]], ...]]]). */
  public static List<StreamEntry> fromReadReply(Response reply) {
    if (reply == null || reply.size() == 0) {
      return List.of();
    }
    return fromEntries(reply.get(0).get(1));
  }

  /** Entries of an XAUTOCLAIM reply ([next-id, entries, deleted-ids]). */
  public static List<StreamEntry> fromClaimReply(Response reply) {
    return reply == null || reply.size() < 2 ? List.of() : fromEntries(reply.get(1));
  }

  /** The next start id of an XAUTOCLAIM reply. */
  public static String nextClaimStart(Response reply) {
    return reply == null || reply.size() == 0 ? "0-0" : reply.get(0).toString();
  }

  private static List<StreamEntry> fromEntries(Response entries) {
    List<StreamEntry> out = new ArrayList<>();
    if (entries == null) {
      return out;
    }
    for (int i = 0; i < entries.size(); i++) {
      Response e = entries.get(i);
      if (e == null || e.size() < 2) {
        continue;
      }
      String events = null;
      Response fields = e.get(1);
      for (int f = 0; fields != null && f + 1 < fields.size(); f += 2) {
        if ("events".equals(fields.get(f).toString())) {
          events = fields.get(f + 1).toString();
        }
      }
      out.add(new StreamEntry(e.get(0).toString(), events));
    }
    return out;
  }
}
