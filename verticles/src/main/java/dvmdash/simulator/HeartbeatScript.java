package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Heartbeat-only DVMs ("beacons") with scripted schedules, cycling four patterns: steady (11998), flaky (stops
 * twice and resumes), steady on the NIP-90 rewrite (1999 pointing at a 31999), and gone (stops 3 h before now).
 * They publish no jobs, so their heartbeats are the only health evidence and the expected states follow from the
 * schedule alone.
 */
public final class HeartbeatScript {

  public static final long INTERVAL = 300;
  private static final long HOUR = 3_600;
  private static final String[] NAMES = {"Beacon Steady", "Beacon Flaky", "Beacon Service", "Beacon Gone"};

  private HeartbeatScript() {
  }

  /** The signer of beacon {@code i} of a plan. */
  public static EventSigner signer(SimulationPlan plan, int i) {
    return EventSigner.deterministic(plan.seed() * 1_000_003L + 40_000 + i);
  }

  /** The schedule of beacon {@code i} for history generated against {@code now}. */
  public static HeartbeatSchedule schedule(SimulationPlan plan, int i, long now) {
    EventSigner s = signer(plan, i);
    int pattern = i % 4;
    String name = NAMES[pattern] + (i >= 4 ? " " + (i / 4 + 1) : "");
    long start = now - 30 * HOUR + 13 + 29L * i;
    List<HeartbeatSchedule.Period> periods = switch (pattern) {
      case 1 -> List.of(new HeartbeatSchedule.Period(start, now - 20 * HOUR),
          new HeartbeatSchedule.Period(now - 18 * HOUR + 7, now - 6 * HOUR),
          new HeartbeatSchedule.Period(now - 5 * HOUR + 41, HeartbeatSchedule.OPEN));
      case 3 -> List.of(new HeartbeatSchedule.Period(start, now - 3 * HOUR));
      default -> List.of(new HeartbeatSchedule.Period(start, HeartbeatSchedule.OPEN));
    };
    String d = "beacon-" + i;
    return pattern == 2
        ? new HeartbeatSchedule(s.pubkey(), name, 1999, "31999:" + s.pubkey() + ":" + d, INTERVAL, periods)
        : new HeartbeatSchedule(s.pubkey(), name, 11998, d, INTERVAL, periods);
  }

  /** The beacon's announcement (31999 for a 1999 beacon, else 31990), a minute before its first beat. */
  public static NostrEvent announcement(SimulationPlan plan, int i, HeartbeatSchedule h) {
    EventSigner s = signer(plan, i);
    long t = h.periods().get(0).start() - 60;
    String d = "beacon-" + i;
    String picture = AnnouncementFactory.avatar(h.name(), h.pubkey());
    if (h.kind() == 1999) {
      return s.sign(t, 31999, List.of(List.of("d", d), List.of("n", "DVM-01"), List.of("name", h.name()),
          List.of("picture", picture)), "");
    }
    String content = new JsonObject().put("name", h.name()).put("about", "heartbeat only").put("picture", picture)
        .encode();
    return s.sign(t, 31990, List.of(List.of("d", d), List.of("k", "5300")), content);
  }

  /** One heartbeat at {@code t}: expiration t + interval (so most of history carries a past expiration). */
  public static NostrEvent beat(SimulationPlan plan, int i, HeartbeatSchedule h, long t) {
    EventSigner s = signer(plan, i);
    String expiration = Long.toString(t + h.interval());
    if (h.kind() == 1999) {
      return s.sign(t, 1999, List.of(List.of("a", h.address()), List.of("expiration", expiration)), "up");
    }
    return s.sign(t, 11998, List.of(List.of("d", h.address()), List.of("status", "running"),
        List.of("expiration", expiration)), "DVM is running");
  }

  /** Announcement and every beat up to {@code now} of each of the plan's beacons. */
  public static List<NostrEvent> history(SimulationPlan plan, long now, GroundTruth truth) {
    List<NostrEvent> out = new ArrayList<>();
    for (int i = 0; i < plan.beacons(); i++) {
      HeartbeatSchedule h = schedule(plan, i, now);
      truth.addHeartbeatSchedule(h);
      out.add(announcement(plan, i, h));
      for (long t : h.beatTimes(now)) {
        out.add(beat(plan, i, h, t));
      }
    }
    return out;
  }
}
