package dvmdash.store;

import dvmdash.store.RollupPlan.Counts;
import dvmdash.store.RollupPlan.MinuteKey;
import dvmdash.store.Tiers.Tier;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The count and membership tiers of a batch's rollup transaction ({@link RollupRepository}): request, result,
 * feedback, error and zap counters per minute, hour, day and all time, the requesters and DVMs of each kind per tier,
 * and the per-day series. Minute and hour rows older than the kept horizon are not written (retention deletes them).
 */
final class CountTierWriter {

  /** Counters of one tier table (%1$s) or, without the minute (%2$s empty), of total_counts. */
  private static final String UPSERT_COUNTS = """
      INSERT INTO %1$s AS m (%2$skind, dvm, requests, results, feedback, errors, zapped_sats)
      SELECT %2$skind, dvm, requests, results, feedback, errors, zapped_sats
      FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                  $8::bigint[]) AS t(minute, kind, dvm, requests, results, feedback, errors, zapped_sats)
      ON CONFLICT (%2$skind, dvm) DO UPDATE SET requests = m.requests + excluded.requests,
        results = m.results + excluded.results, feedback = m.feedback + excluded.feedback,
        errors = m.errors + excluded.errors, zapped_sats = m.zapped_sats + excluded.zapped_sats""";
  /** Memberships of one tier table (%1$s, member column %3$s) or, without the minute, of total_kind_dvms. */
  private static final String INSERT_MEMBERS = """
      INSERT INTO %1$s (%2$skind, %3$s)
      SELECT %2$skind, member FROM unnest($1::bigint[], $2::int[], $3::text[]) AS t(minute, kind, member)
      ON CONFLICT DO NOTHING""";
  private static final String ADD_SERIES_DAY = """
      INSERT INTO series_day AS s (minute, requests, results, feedback, sats, errors)
      SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
      ON CONFLICT (minute) DO UPDATE SET requests = s.requests + excluded.requests,
        results = s.results + excluded.results, feedback = s.feedback + excluded.feedback,
        sats = s.sats + excluded.sats, errors = s.errors + excluded.errors""";
  /** Members of a day (%1$s, member column %2$s); each first one of its day adds 1 to series_day.%3$s. */
  private static final String ADD_DAY_MEMBERS = """
      WITH fresh AS (
        INSERT INTO %1$s (minute, %2$s) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING
        RETURNING minute)
      INSERT INTO series_day AS s (minute, %3$s) SELECT minute, count(*) FROM fresh GROUP BY minute
      ON CONFLICT (minute) DO UPDATE SET %3$s = s.%3$s + excluded.%3$s""";
  /** Requesters of a day and kind; each first one adds 1 to its day_kind_user_counts row. */
  private static final String ADD_DAY_KIND_USERS = """
      WITH fresh AS (
        INSERT INTO day_kind_users (minute, kind, pubkey)
        SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING
        RETURNING minute, kind)
      INSERT INTO day_kind_user_counts AS s (minute, kind, users) SELECT minute, kind, count(*) FROM fresh
      GROUP BY minute, kind
      ON CONFLICT (kind, minute) DO UPDATE SET users = s.users + excluded.users""";
  private CountTierWriter() {
  }

  /** Adds the batch's counters and memberships ({@code plan}) to every tier, minute and hour rows from {@code keep}. */
  static Future<?> write(Future<?> f, SqlConnection conn, RollupPlan plan, long keep) {
    if (!plan.minuteCounts.isEmpty()) {
      Map<MinuteKey, Counts> recent = from(plan.minuteCounts, keep);
      f = addCounts(f, conn, "minute_counts", recent);
      f = addCounts(f, conn, "hour_counts", byBucket(recent, Tier.HOUR));
      f = addCounts(f, conn, "day_counts", byBucket(plan.minuteCounts, Tier.DAY));
      f = addCounts(f, conn, "total_counts", byBucket(plan.minuteCounts, null));
      Map<Long, long[]> days = new LinkedHashMap<>();
      byBucket(plan.minuteCounts, Tier.DAY).forEach((k, c) -> {
        long[] d = days.computeIfAbsent(k.minute(), x -> new long[5]);
        d[0] += c.requests;
        d[1] += c.results;
        d[2] += c.feedback;
        d[4] += c.errors;
      });
      f = addSeriesDay(f, conn, days);
    }
    f = addDayMembers(f, conn, "day_users", "pubkey", "users", byBucket(plan.kindUsers, Tier.DAY));
    f = addDayMembers(f, conn, "day_dvms", "dvm", "dvms", byBucket(plan.kindDvms, Tier.DAY));
    Set<MinuteKey> recentUsers = from(plan.kindUsers, keep);
    Set<MinuteKey> recentDvms = from(plan.kindDvms, keep);
    f = insertMembership(f, conn, "kind_users", "pubkey", recentUsers);
    f = insertMembership(f, conn, "hour_kind_users", "pubkey", byBucket(recentUsers, Tier.HOUR));
    Set<MinuteKey> dayKindUsers = byBucket(plan.kindUsers, Tier.DAY);
    if (!dayKindUsers.isEmpty()) {
      f = f.compose(v -> RollupRepository.exec(conn, ADD_DAY_KIND_USERS,
          Columns.int8(dayKindUsers, MinuteKey::minute), Columns.int4(dayKindUsers, MinuteKey::kind),
          Columns.text(dayKindUsers, MinuteKey::dvm)));
    }
    f = insertMembership(f, conn, "kind_dvms", "dvm", recentDvms);
    f = insertMembership(f, conn, "hour_kind_dvms", "dvm", byBucket(recentDvms, Tier.HOUR));
    f = insertMembership(f, conn, "day_kind_dvms", "dvm", byBucket(plan.kindDvms, Tier.DAY));
    f = insertMembership(f, conn, "total_kind_dvms", "dvm", byBucket(plan.kindDvms, null));
    return f;
  }

  /** The table's key columns before kind and dvm: the minute, except for the all-time tables. */
  static String minuteColumn(String table) {
    return table.startsWith("total_") || table.endsWith("_total") ? "" : "minute, ";
  }

  /** The counters of minutes from {@code keep} on. */
  static Map<MinuteKey, Counts> from(Map<MinuteKey, Counts> counts, long keep) {
    Map<MinuteKey, Counts> out = new LinkedHashMap<>();
    counts.forEach((k, c) -> {
      if (k.minute() >= keep) {
        out.put(k, c);
      }
    });
    return out;
  }

  /** The memberships of minutes from {@code keep} on. */
  static Set<MinuteKey> from(Set<MinuteKey> members, long keep) {
    Set<MinuteKey> out = new LinkedHashSet<>();
    members.forEach(k -> {
      if (k.minute() >= keep) {
        out.add(k);
      }
    });
    return out;
  }

  private static Future<?> addCounts(Future<?> f, SqlConnection conn, String table, Map<MinuteKey, Counts> c) {
    if (c.isEmpty()) {
      return f;
    }
    var keys = c.keySet();
    return f.compose(v -> RollupRepository.exec(conn, UPSERT_COUNTS.formatted(table, minuteColumn(table)),
        Columns.int8(keys, MinuteKey::minute), Columns.int4(keys, MinuteKey::kind), Columns.text(keys, MinuteKey::dvm),
        Columns.int8(keys, k -> c.get(k).requests), Columns.int8(keys, k -> c.get(k).results),
        Columns.int8(keys, k -> c.get(k).feedback), Columns.int8(keys, k -> c.get(k).errors),
        Columns.int8(keys, k -> c.get(k).zappedSats)));
  }

  /** The counters summed per bucket of {@code tier}; per (kind, dvm) with minute 0 when tier is null (all time). */
  static Map<MinuteKey, Counts> byBucket(Map<MinuteKey, Counts> counts, Tier tier) {
    Map<MinuteKey, Counts> out = new LinkedHashMap<>();
    counts.forEach((k, c) -> {
      Counts sum = out.computeIfAbsent(bucketKey(k, tier), x -> new Counts());
      sum.requests += c.requests;
      sum.results += c.results;
      sum.feedback += c.feedback;
      sum.errors += c.errors;
      sum.zappedSats += c.zappedSats;
    });
    return out;
  }

  static Set<MinuteKey> byBucket(Set<MinuteKey> members, Tier tier) {
    Set<MinuteKey> out = new LinkedHashSet<>();
    members.forEach(k -> out.add(bucketKey(k, tier)));
    return out;
  }

  private static MinuteKey bucketKey(MinuteKey k, Tier tier) {
    return new MinuteKey(tier == null ? 0 : tier.bucket(k.minute()), k.kind(), k.dvm());
  }

  /** Adds {requests, results, feedback, sats, errors} per day to series_day. */
  static Future<?> addSeriesDay(Future<?> f, SqlConnection conn, Map<Long, long[]> days) {
    if (days.isEmpty()) {
      return f;
    }
    var keys = days.keySet();
    return f.compose(v -> RollupRepository.exec(conn, ADD_SERIES_DAY, Columns.int8(keys, k -> k),
        Columns.int8(keys, k -> days.get(k)[0]), Columns.int8(keys, k -> days.get(k)[1]),
        Columns.int8(keys, k -> days.get(k)[2]), Columns.int8(keys, k -> days.get(k)[3]),
        Columns.int8(keys, k -> days.get(k)[4])));
  }

  private static Future<?> addDayMembers(Future<?> f, SqlConnection conn, String table, String member,
                                         String counter, Set<MinuteKey> byKind) {
    Set<List<Object>> members = new LinkedHashSet<>();
    byKind.forEach(k -> members.add(List.of(k.minute(), k.dvm())));
    if (members.isEmpty()) {
      return f;
    }
    return f.compose(v -> RollupRepository.exec(conn, ADD_DAY_MEMBERS.formatted(table, member, counter),
        Columns.int8(members, m -> (Long) m.get(0)), Columns.text(members, m -> (String) m.get(1))));
  }

  private static Future<?> insertMembership(Future<?> f, SqlConnection conn, String table, String member,
                                            Set<MinuteKey> keys) {
    if (keys.isEmpty()) {
      return f;
    }
    return f.compose(v -> RollupRepository.exec(conn, INSERT_MEMBERS.formatted(table, minuteColumn(table), member),
        Columns.int8(keys, MinuteKey::minute), Columns.int4(keys, MinuteKey::kind),
        Columns.text(keys, MinuteKey::dvm)));
  }

}
