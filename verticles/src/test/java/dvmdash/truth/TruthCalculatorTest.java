package dvmdash.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked scenarios for the oracle (ids and pubkeys are placeholders: the oracle never verifies). */
class TruthCalculatorTest {

  private static final long NOW = 1_000_000_030L;
  /** floor(NOW/60)*60 − 3600. */
  private static final long WS_1H = 1_000_000_020L - 3_600;
  private static final String U1 = "1".repeat(64);
  private static final String U2 = "2".repeat(64);
  private static final String D1 = "d1".repeat(32);
  private static final String D2 = "d2".repeat(32);
  private static final String D3 = "d3".repeat(32);

  private int nextId = 1;

  private NostrEvent ev(String id, String pubkey, long t, int kind, String content, String[]... tags) {
    List<List<String>> tl = new ArrayList<>();
    for (String[] tag : tags) {
      tl.add(Arrays.asList(tag));
    }
    return new NostrEvent(id, pubkey, t, kind, tl, content, "0".repeat(128));
  }

  private NostrEvent ev(String pubkey, long t, int kind, String[]... tags) {
    return ev(String.format("%064x", nextId++), pubkey, t, kind, "", tags);
  }

  private static String[] tag(String... values) {
    return values;
  }

  @Test
  void windowEdgesAndPairTime() {
    NostrEvent r1 = ev(U1, WS_1H, 5300, tag("p", D1));
    NostrEvent r0 = ev(U2, WS_1H - 1, 5300, tag("p", D1));
    List<NostrEvent> events = List.of(r0, r1,
      ev(D1, WS_1H + 10, 6300, tag("e", r1.id())),
      ev(D1, WS_1H + 5, 6300, tag("e", r0.id())));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    assertEquals(WS_1H, tc.windowStart("1h"));

    JsonObject g = tc.global("1h");
    assertEquals(1L, g.getLong("job_requests"));
    assertEquals(2L, g.getLong("job_results"));
    assertEquals(1, g.getInteger("unique_users"));
    assertEquals(1, g.getInteger("unique_dvms"));
    JsonObject d1 = tc.dvm("1h", D1);
    assertEquals(1L, d1.getLong("job_requests"));
    assertEquals(10.0, d1.getDouble("avg_response_seconds"));

    assertEquals(2L, tc.global("24h").getLong("job_requests"));
    JsonObject d1day = tc.dvm("24h", D1);
    assertEquals(2L, d1day.getLong("job_requests"));
    assertEquals(8.0, d1day.getDouble("avg_response_seconds"));
    assertEquals(6L, d1day.getLong("p50_response_seconds"));
    assertEquals(10L, d1day.getLong("p95_response_seconds"));
    assertEquals(new JsonArray().add(5300), d1day.getJsonArray("kinds"));
    assertEquals(WS_1H - 1, d1day.getLong("first_seen") - 6);
  }

  @Test
  void duplicatesCountOnce() {
    NostrEvent r = ev(U1, NOW - 100, 5050, tag("p", D1));
    NostrEvent res = ev(D1, NOW - 90, 6050, tag("e", r.id()), tag("amount", "2000"));
    TruthCalculator tc = new TruthCalculator(List.of(r, r, res, res), NOW);
    JsonObject g = tc.global("1h");
    assertEquals(1L, g.getLong("job_requests"));
    assertEquals(1L, g.getLong("job_results"));
    assertEquals(2L, g.getLong("total_sats"));
  }

  @Test
  void latestValidAmountWinsAndTiesGoToLowestId() {
    long t = NOW - 1_000;
    NostrEvent r = ev(U1, t, 5100, tag("p", D2));
    NostrEvent r2 = ev(U2, t, 5100, tag("p", D2));
    List<NostrEvent> events = List.of(r, r2,
      ev(D2, t + 1, 7000, tag("status", "payment-required"), tag("amount", "5000"), tag("e", r.id())),
      ev(D2, t + 2, 7000, tag("status", "payment-required"), tag("amount", "9500"), tag("e", r.id())),
      ev(D2, t + 3, 7000, tag("status", "payment-required"), tag("amount", "100_000"), tag("e", r.id())),
      ev(D2, t + 3, 7000, tag("status", "processing"), tag("amount", "99000"), tag("e", r.id())),
      ev(D2, t + 4, 6100, tag("e", r.id())),
      ev("b".repeat(64), D2, t + 5, 7000, "", tag("status", "payment-required"), tag("amount", "7000"),
        tag("e", r2.id())),
      ev("a".repeat(64), D2, t + 5, 7000, "", tag("status", "payment-required"), tag("amount", "3000"),
        tag("e", r2.id())),
      ev(D2, t + 6, 6100, tag("e", r2.id())));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    // pair r: latest valid payment-required amount is 9500 msat -> 9 sats; pair r2: tie at t+5, id "aaa…" -> 3
    assertEquals(12L, tc.dvm("1h", D2).getLong("sats_earned"));
    assertEquals(12L, tc.global("1h").getLong("total_sats"));
    assertEquals(12L, tc.kind("1h", 5100).getLong("sats_paid"));
    assertEquals(new JsonObject().put("kind", 5100).put("sats_paid", 12L), tc.global("1h").getJsonObject(
      "most_paid_kind"));
  }

  @Test
  void amountWithoutResultEarnsNothing() {
    NostrEvent r = ev(U1, NOW - 50, 5050, tag("p", D1));
    List<NostrEvent> events = List.of(r,
      ev(D1, NOW - 40, 7000, tag("status", "payment-required"), tag("amount", "50000"), tag("e", r.id())));
    JsonObject g = new TruthCalculator(events, NOW).global("all");
    assertEquals(0L, g.getLong("total_sats"));
    assertNull(g.getValue("most_paid_dvm"));
  }

  @Test
  void negativeResponseTimeIsExcludedAndCounted() {
    NostrEvent r = ev(U1, NOW - 600, 5300, tag("p", D1));
    NostrEvent ok = ev(U2, NOW - 500, 5300);
    List<NostrEvent> events = List.of(r, ok,
      ev(D1, NOW - 630, 6300, tag("e", r.id())),
      ev(D1, NOW - 480, 6300, tag("e", ok.id())));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    assertEquals(1L, tc.global("1h").getLong("clock_skew_anomalies"));
    JsonObject d = tc.dvm("1h", D1);
    assertEquals(20.0, d.getDouble("avg_response_seconds"));
    assertEquals(20L, d.getLong("p50_response_seconds"));
    assertEquals(20.0, tc.kind("1h", 5300).getDouble("avg_response_seconds"));
    assertEquals(2L, d.getLong("job_requests"));
  }

  @Test
  void feedbackOfUnseenRequestCountsGloballyButNotPerKind() {
    NostrEvent r = ev(U1, NOW - 100, 5300);
    List<NostrEvent> events = List.of(r,
      ev(D3, NOW - 90, 7000, tag("status", "processing"), tag("e", "f".repeat(64))),
      ev(D3, NOW - 80, 7000, tag("status", "error", "boom"), tag("e", r.id())));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    assertEquals(2L, tc.global("1h").getLong("job_feedback"));
    JsonObject d3 = tc.dvm("1h", D3);
    assertEquals(2L, d3.getLong("job_feedback"));
    assertEquals(1L, d3.getLong("errors"));
    assertEquals(new JsonArray().add(5300), d3.getJsonArray("kinds"));
    JsonArray kinds = tc.kinds("1h");
    assertEquals(1, kinds.size());
    assertEquals(1L, kinds.getJsonObject(0).getLong("job_feedback"));
    assertEquals(1, kinds.getJsonObject(0).getInteger("dvm_count"));
    // pair (unseen, D3) exists and has pair time NOW - 90; pair (r, D3) too
    assertEquals(2L, d3.getLong("job_requests"));
  }

  @Test
  void zapsAreSeparateFromSatsEarned() {
    NostrEvent r = ev(U1, NOW - 100, 5050, tag("p", D1));
    NostrEvent res = ev(D1, NOW - 90, 6050, tag("e", r.id()), tag("amount", "21000", "lnbc210n1xyz"));
    String lnurl = "e".repeat(64);
    List<NostrEvent> events = List.of(r, res,
      ev(lnurl, NOW - 80, 9735, tag("p", D1), tag("e", res.id()), tag("bolt11", "lnbc250n1qqqsyqcyq5rqwzq")),
      ev(lnurl, NOW - 70, 9735, tag("p", D1), tag("bolt11", "lnbc1pvjluezpp5qqqsyqcyq5rqwzq")),
      ev(lnurl, NOW - 7_200, 9735, tag("p", D1), tag("bolt11", "lnbc1m1qqq")));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    JsonObject d = tc.dvm("1h", D1);
    assertEquals(21L, d.getLong("sats_earned"));
    assertEquals(25L, d.getLong("sats_zapped"));
    assertEquals(100_025L, tc.dvm("24h", D1).getLong("sats_zapped"));
    assertEquals(21L, tc.global("24h").getLong("total_sats"));
  }

  @Test
  void zappedSatsOfAKindFollowTheKTagOfTheReceiptElseOfItsZapRequest() {
    NostrEvent r = ev(U1, NOW - 100, 5050, tag("p", D1));
    NostrEvent res = ev(D1, NOW - 90, 6050, tag("e", r.id()));
    String lnurl = "e".repeat(64);
    String requestWithK = "{\"kind\":9734,\"tags\":[[\"p\",\"" + D1 + "\"],[\"k\",\"6050\"]]}";
    List<NostrEvent> events = List.of(r, res,
      ev(lnurl, NOW - 80, 9735, tag("p", D1), tag("k", "6050"), tag("bolt11", "lnbc250n1qqqsyqcyq5rqwzq")),
      ev(lnurl, NOW - 75, 9735, tag("p", D1), tag("description", requestWithK), tag("bolt11", "lnbc10n1qqq")),
      ev(lnurl, NOW - 72, 9735, tag("p", D1), tag("k", "5050"), tag("bolt11", "lnbc20n1qqq")),
      ev(lnurl, NOW - 70, 9735, tag("p", D1), tag("k", "7000"), tag("bolt11", "lnbc1u1qqq")),
      ev(lnurl, NOW - 60, 9735, tag("p", D1), tag("bolt11", "lnbc1u1qqq")));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    assertEquals(25L + 1 + 2, tc.kind("1h", 5050).getLong("sats_zapped"));
    assertEquals(25L + 1 + 2 + 100 + 100, tc.dvm("1h", D1).getLong("sats_zapped"));
  }

  @Test
  void aKindsDvmRowsCarryTheZapsToEachDvmForThatKind() {
    NostrEvent r = ev(U1, NOW - 100, 5050, tag("p", D1), tag("p", D2));
    NostrEvent res1 = ev(D1, NOW - 90, 6050, tag("e", r.id()));
    NostrEvent res2 = ev(D2, NOW - 85, 6050, tag("e", r.id()));
    String lnurl = "e".repeat(64);
    List<NostrEvent> events = List.of(r, res1, res2,
      ev(lnurl, NOW - 80, 9735, tag("p", D1), tag("k", "6050"), tag("bolt11", "lnbc250n1qqqsyqcyq5rqwzq")),
      ev(lnurl, NOW - 75, 9735, tag("p", D2), tag("k", "5050"), tag("bolt11", "lnbc10n1qqq")),
      ev(lnurl, NOW - 72, 9735, tag("p", D2), tag("k", "6300"), tag("bolt11", "lnbc20n1qqq")),
      ev(lnurl, NOW - 70, 9735, tag("p", D2), tag("bolt11", "lnbc1u1qqq")),
      ev(lnurl, NOW - 7_200, 9735, tag("p", D1), tag("k", "6050"), tag("bolt11", "lnbc1u1qqq")));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    JsonArray rows = tc.kindDvms("1h", 5050);
    assertEquals(2, rows.size());
    assertEquals(D1, rows.getJsonObject(0).getString("pubkey"));
    assertEquals(25L, rows.getJsonObject(0).getLong("sats_zapped"));
    assertEquals(1L, rows.getJsonObject(0).getLong("job_results"));
    assertEquals(1L, rows.getJsonObject(1).getLong("sats_zapped"));
    assertEquals(26L, tc.kind("1h", 5050).getLong("sats_zapped"));
    assertEquals(125L, tc.kindDvms("24h", 5050).getJsonObject(0).getLong("sats_zapped"));
    assertEquals(1L, tc.dvm("1h", D2).getJsonArray("by_kind").getJsonObject(0).getLong("sats_zapped"));
    assertEquals(1L + 2 + 100, tc.dvm("1h", D2).getLong("sats_zapped"));
  }

  @Test
  void seriesPointsCarryNearestRankPercentilesOfTheirPairs() {
    // 1h: 300 s buckets; pairs in the last bucket respond in 1, 2, 3 and 10 s, a skewed one (−5 s) is left out
    long bucket = Math.floorDiv(NOW, 300) * 300;
    List<NostrEvent> events = new ArrayList<>();
    long[] delays = {1, 2, 3, 10, -5};
    for (long d : delays) {
      NostrEvent r = ev(U1, bucket + 10, 5300, tag("p", D1));
      events.add(r);
      events.add(ev(D1, bucket + 10 + d, 6300, tag("e", r.id())));
    }
    JsonArray points = new TruthCalculator(events, NOW).timeseries("1h", null, null).getJsonArray("points");
    JsonObject last = points.getJsonObject(points.size() - 1);
    assertEquals(bucket, last.getLong("t"));
    assertEquals(2L, last.getLong("p50_response_seconds"), "ceil(0.5 × 4) = 2nd of 1, 2, 3, 10");
    assertEquals(10L, last.getLong("p95_response_seconds"), "ceil(0.95 × 4) = 4th");
    assertNull(points.getJsonObject(0).getValue("p50_response_seconds"), "a bucket without pairs");
  }

  @Test
  void tiesGoToSmallerPubkeyAndKind() {
    NostrEvent a = ev(U1, NOW - 100, 5050);
    NostrEvent b = ev(U1, NOW - 100, 5002);
    List<NostrEvent> events = List.of(a, b,
      ev(D2, NOW - 90, 6050, tag("e", a.id())),
      ev(D1, NOW - 90, 6002, tag("e", b.id())));
    JsonObject g = new TruthCalculator(events, NOW).global("1h");
    assertEquals(D1, g.getJsonObject("most_popular_dvm").getString("pubkey"));
    assertEquals(5002, g.getJsonObject("most_popular_kind").getInteger("kind"));
    assertEquals(2, g.getInteger("unique_kinds"));
  }

  @Test
  void announcementsAndNames() {
    String content = "{\"name\":\"Feed A\",\"picture\":\"https://p/a.png\"}";
    List<NostrEvent> events = List.of(
      ev("01".repeat(32), D1, 100, 31990, content, tag("d", "x"), tag("k", "5300"), tag("k", "5050")),
      ev("02".repeat(32), D1, 200, 31990, content, tag("d", "x"), tag("k", "5300")),
      ev("03".repeat(32), D1, 150, 31990, content, tag("d", "y"), tag("k", "5302"), tag("k", "abc")),
      ev("04".repeat(32), D2, 100, 31990, "{\"name\": \"Py\", \"ok\": True}", tag("d", "z"), tag("k", "5300")),
      ev("05".repeat(32), D2, 90, 0, "{\"name\":\"From Kind0\"}"),
      ev("06".repeat(32), D1, NOW - 10, 6300, "[]"),
      ev("07".repeat(32), D2, NOW - 10, 6300, "[]"));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    JsonObject d1 = tc.dvm("1h", D1);
    assertEquals(new JsonArray().add(5300).add(5302), d1.getJsonArray("announced_kinds"));
    assertEquals("Feed A", d1.getString("name"));
    assertEquals("https://p/a.png", d1.getString("picture"));
    assertEquals("From Kind0", tc.dvm("1h", D2).getString("name"));
    assertEquals(2, tc.kind("1h", 5300).getInteger("announced_dvm_count"));
    assertEquals(0, tc.kind("1h", 5050).getInteger("announced_dvm_count"));
    assertEquals(2, tc.kind("1h", 5300).getInteger("dvm_count"));
  }

  @Test
  void timeSeriesBucketsAreZeroFilled() {
    NostrEvent r = ev(U1, NOW - 100, 5300, tag("p", D1));
    List<NostrEvent> events = List.of(r,
      ev(U2, WS_1H - 1, 5300),
      ev(D1, NOW - 40, 6300, tag("e", r.id()), tag("amount", "3999")));
    TruthCalculator tc = new TruthCalculator(events, NOW);
    JsonObject ts = tc.timeseries("1h", null, null);
    assertEquals(300L, ts.getLong("bucket_seconds"));
    JsonArray points = ts.getJsonArray("points");
    long first = Math.floorDiv(WS_1H, 300) * 300;
    long last = Math.floorDiv(NOW, 300) * 300;
    assertEquals((last - first) / 300 + 1, points.size());
    assertEquals(first, points.getJsonObject(0).getLong("t"));
    assertEquals(0L, points.getJsonObject(0).getLong("job_requests"));
    JsonObject lastPoint = points.getJsonObject(points.size() - 1);
    assertEquals(Math.floorDiv(NOW - 100, 300) * 300, lastPoint.getLong("t"));
    assertEquals(1L, lastPoint.getLong("job_requests"));
    assertEquals(1L, lastPoint.getLong("job_results"));
    assertEquals(3L, lastPoint.getLong("sats"));
    JsonArray all = tc.timeseries("all", null, null).getJsonArray("points");
    assertEquals(Math.floorDiv(WS_1H - 1, 86_400) * 86_400, all.getJsonObject(0).getLong("t"));
    JsonObject perDvm = tc.timeseries("1h", null, D1);
    JsonObject dp = perDvm.getJsonArray("points").getJsonObject(points.size() - 1);
    assertEquals(1L, dp.getLong("job_requests"));
    assertEquals(1, dp.getInteger("unique_users"));
    assertEquals(1, dp.getInteger("unique_dvms"));
  }

  @Test
  void bolt11AndAmountParsing() {
    assertEquals(1_000L, TruthAmounts.bolt11Msat("lnbc10n1pqqq"));
    assertEquals(25_000L, TruthAmounts.bolt11Msat("LNBC250N1PQQQ"));
    assertEquals(1_545_000L, TruthAmounts.bolt11Msat("lnbc15450n1qqq"));
    assertEquals(250_000_000L, TruthAmounts.bolt11Msat("lnbc2500u1qqq"));
    assertEquals(1L, TruthAmounts.bolt11Msat("lnbc10p1qqq"));
    assertEquals(200_000_000_000L, TruthAmounts.bolt11Msat("lntb21qqq"));
    assertNull(TruthAmounts.bolt11Msat("lnbc1p1qqq"));
    assertNull(TruthAmounts.bolt11Msat("lnbc1qqqq"));
    assertNull(TruthAmounts.bolt11Msat("alice@getalby.com"));
    assertEquals(100_000L, TruthAmounts.msat("100000"));
    assertNull(TruthAmounts.msat("100_000"));
    assertNull(TruthAmounts.msat(""));
    assertNull(TruthAmounts.msat("1234567890123456789"));
  }
}
