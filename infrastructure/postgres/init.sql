-- DVMDash PostgreSQL schema. Applied at startup by PgSchema, one version at a time; each version block runs in
-- one transaction and is recorded in schema_version. Never edit an applied version: add a new one.
-- The statements of a version are separated by lines holding only "-- @version N".

-- @version 1
CREATE TABLE IF NOT EXISTS schema_version (
  version    int PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Every event id whose effects are in the rollups (idempotency: replays change nothing).
CREATE TABLE seen_events (
  id         text COLLATE "C" PRIMARY KEY,
  kind       int NOT NULL,
  created_at bigint NOT NULL
);

-- Job requests seen (kinds 5000-5999).
CREATE TABLE requests (
  id         text COLLATE "C" PRIMARY KEY,
  kind       int NOT NULL,
  author     text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL
);

-- Unique users: authors of job requests.
CREATE TABLE users (
  pubkey     text COLLATE "C" PRIMARY KEY,
  first_seen bigint NOT NULL,
  last_seen  bigint NOT NULL,
  requests   bigint NOT NULL
);

-- Unique DVMs: authors of results or feedback. Profiles come from dvm_profiles (view below).
CREATE TABLE dvms (
  pubkey     text COLLATE "C" PRIMARY KEY,
  first_seen bigint NOT NULL,
  last_seen  bigint NOT NULL
);

-- One row per (request, DVM) job pair; see docs/metrics.md "Jobs".
CREATE TABLE job_pairs (
  request_id        text COLLATE "C" NOT NULL,
  dvm               text COLLATE "C" NOT NULL,
  kind              int,
  customer          text COLLATE "C",
  request_at        bigint,
  first_response_at bigint,
  first_result_at   bigint,
  p_tagged          boolean NOT NULL DEFAULT false,
  results           int NOT NULL DEFAULT 0,
  feedback          int NOT NULL DEFAULT 0,
  amount_msat       bigint,
  amount_at         bigint,
  amount_event      text COLLATE "C",
  pair_time         bigint GENERATED ALWAYS AS (coalesce(request_at, first_response_at)) STORED,
  PRIMARY KEY (request_id, dvm)
);
CREATE INDEX job_pairs_time ON job_pairs (pair_time);
CREATE INDEX job_pairs_dvm_time ON job_pairs (dvm, pair_time);

-- Additive per-minute counters. kind = request kind (5000-5999) or 0 when unknown (feedback whose request was not
-- seen yet, zap receipts); dvm = '' for requests.
CREATE TABLE minute_counts (
  minute      bigint NOT NULL,
  kind        int NOT NULL,
  dvm         text COLLATE "C" NOT NULL,
  requests    bigint NOT NULL DEFAULT 0,
  results     bigint NOT NULL DEFAULT 0,
  feedback    bigint NOT NULL DEFAULT 0,
  errors      bigint NOT NULL DEFAULT 0,
  zapped_sats bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (minute, kind, dvm)
);
CREATE INDEX minute_counts_dvm ON minute_counts (dvm, minute);
CREATE INDEX minute_counts_kind ON minute_counts (kind, minute);

-- Distinct-count memberships per minute (exact distinct counts over any window or bucket).
CREATE TABLE kind_users (
  minute bigint NOT NULL,
  kind   int NOT NULL,
  pubkey text COLLATE "C" NOT NULL,
  PRIMARY KEY (minute, kind, pubkey)
);
CREATE TABLE kind_dvms (
  minute bigint NOT NULL,
  kind   int NOT NULL,
  dvm    text COLLATE "C" NOT NULL,
  PRIMARY KEY (minute, kind, dvm)
);
CREATE INDEX kind_dvms_dvm ON kind_dvms (dvm, minute);

-- Feedback whose request has not been seen yet; moved to the request's kind when it arrives.
CREATE TABLE unresolved_feedback (
  event_id   text COLLATE "C" PRIMARY KEY,
  request_id text COLLATE "C" NOT NULL,
  dvm        text COLLATE "C" NOT NULL,
  minute     bigint NOT NULL,
  is_error   boolean NOT NULL
);
CREATE INDEX unresolved_feedback_request ON unresolved_feedback (request_id);

-- Current NIP-89 announcements: latest per (pubkey, d).
CREATE TABLE announcements (
  pubkey     text COLLATE "C" NOT NULL,
  d          text COLLATE "C" NOT NULL,
  event_id   text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  kinds      int[] NOT NULL,
  name       text,
  about      text,
  picture    text,
  PRIMARY KEY (pubkey, d)
);

-- Latest kind 0 profile per pubkey.
CREATE TABLE profiles (
  pubkey     text COLLATE "C" PRIMARY KEY,
  event_id   text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  name       text,
  about      text,
  picture    text
);

-- Current profile of each DVM: its latest current announcement with a name, else its latest kind 0.
CREATE VIEW dvm_profiles AS
SELECT d.pubkey,
       coalesce(a.name, p.name) AS name,
       CASE WHEN a.pubkey IS NOT NULL THEN a.about ELSE p.about END AS about,
       CASE WHEN a.pubkey IS NOT NULL THEN a.picture ELSE p.picture END AS picture,
       greatest(a.created_at, p.created_at) AS profile_updated_at
FROM dvms d
LEFT JOIN (SELECT DISTINCT ON (pubkey) pubkey, name, about, picture, created_at
           FROM announcements WHERE name IS NOT NULL
           ORDER BY pubkey, created_at DESC, event_id ASC) a ON a.pubkey = d.pubkey
LEFT JOIN profiles p ON p.pubkey = d.pubkey;

-- Kind + DVM support: observed (result or feedback counted for the kind) and announced (31990 k tag), marked apart.
CREATE VIEW kind_dvm_support AS
SELECT kind, dvm, bool_or(observed) AS observed, bool_or(announced) AS announced
FROM (SELECT DISTINCT kind, dvm, true AS observed, false AS announced FROM kind_dvms WHERE kind BETWEEN 5000 AND 5999
      UNION ALL
      SELECT DISTINCT k, pubkey, false, true FROM announcements, unnest(kinds) AS k) s
GROUP BY kind, dvm;

-- All-time rollups by DVM, by kind, and global (the windowed versions are the same queries with a minute bound).
CREATE VIEW dvm_stats AS
SELECT d.pubkey AS id, pr.name, pr.about AS profile_description,
       coalesce(c.results, 0) AS job_results, coalesce(c.feedback, 0) AS job_feedback,
       coalesce(j.requests, 0) AS job_requests, j.avg_response AS avg_response_seconds,
       coalesce(j.sats, 0) AS sats_earned
FROM dvms d
JOIN dvm_profiles pr ON pr.pubkey = d.pubkey
LEFT JOIN (SELECT dvm, sum(results) AS results, sum(feedback) AS feedback FROM minute_counts GROUP BY dvm) c
       ON c.dvm = d.pubkey
LEFT JOIN (SELECT dvm, count(*) AS requests,
                  avg(first_result_at - request_at) FILTER (WHERE first_result_at >= request_at) AS avg_response,
                  sum(amount_msat / 1000) FILTER (WHERE results > 0) AS sats
           FROM job_pairs GROUP BY dvm) j ON j.dvm = d.pubkey;

CREATE VIEW kind_stats AS
SELECT c.kind, c.requests AS job_requests, c.results AS job_results,
       coalesce(p.sats, 0) AS sats_paid, coalesce(k.dvms, 0) AS dvm_count
FROM (SELECT kind, sum(requests) AS requests, sum(results) AS results FROM minute_counts
      WHERE kind BETWEEN 5000 AND 5999 GROUP BY kind) c
LEFT JOIN (SELECT kind, sum(amount_msat / 1000) FILTER (WHERE results > 0) AS sats FROM job_pairs GROUP BY kind) p
       ON p.kind = c.kind
LEFT JOIN (SELECT kind, count(DISTINCT dvm) AS dvms FROM kind_dvms GROUP BY kind) k ON k.kind = c.kind;

CREATE VIEW global_stats AS
SELECT (SELECT coalesce(sum(requests), 0) FROM minute_counts) AS job_requests,
       (SELECT coalesce(sum(results), 0) FROM minute_counts) AS job_results,
       (SELECT count(*) FROM users) AS unique_users,
       (SELECT count(*) FROM dvms) AS unique_dvms,
       (SELECT id FROM dvm_stats WHERE job_results > 0 ORDER BY job_results DESC, id LIMIT 1) AS most_popular_dvm,
       (SELECT id FROM dvm_stats WHERE sats_earned > 0 ORDER BY sats_earned DESC, id LIMIT 1) AS most_paid_dvm,
       (SELECT kind FROM kind_stats WHERE job_requests > 0 ORDER BY job_requests DESC, kind LIMIT 1) AS most_popular_kind,
       (SELECT kind FROM kind_stats WHERE sats_paid > 0 ORDER BY sats_paid DESC, kind LIMIT 1) AS most_paid_kind,
       (SELECT coalesce(sum(amount_msat / 1000) FILTER (WHERE results > 0), 0) FROM job_pairs) AS total_sats;

-- @version 2
-- Fencing of the rollup commit when processors run on several nodes under the etcd commit lock: every guarded
-- commit stores its lock's revision here, in the same transaction, only if it is greater than the stored one.
-- A processor whose lease expired and whose lock was taken and used by another cannot commit afterwards.
CREATE TABLE IF NOT EXISTS rollup_fence (
  id         smallint PRIMARY KEY CHECK (id = 1),
  token      bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO rollup_fence (id, token) VALUES (1, 0) ON CONFLICT DO NOTHING;

-- @version 3
-- Retention (docs/maintenance.md): per-minute rows older than minute_horizon have been folded into day rows (minute
-- = the day's first minute) of the same tables; raw MongoDB events older than raw_horizon have been deleted, after
-- which `rebuild` refuses to run. Both are unix seconds, only ever move forward, and are NULL until the first run.
CREATE TABLE IF NOT EXISTS retention_state (
  id             smallint PRIMARY KEY CHECK (id = 1),
  minute_horizon bigint,
  raw_horizon    bigint,
  last_run_at    timestamptz
);
INSERT INTO retention_state (id) VALUES (1) ON CONFLICT DO NOTHING;

-- @version 4
-- Raw events (the single-machine raw store, docs/maintenance.md "Raw event store"): each verified event once, its
-- NIP-01 JSON exactly as signed in `event`, the relays that delivered it, and the columns the reads need. Written in
-- the rollup transaction. With stores.mongo_uri set, raw events live in MongoDB instead and this table stays empty.
-- Reads and their index: by id (primary key); newest by kind (events_kind_time); by author (events_pubkey_time);
-- events referencing an event (`e` tags, events_e_refs) or a pubkey (`p` tags, events_p_refs); requests taking an
-- earlier job's output (`i … job`, events_i_jobs); everything by time: export, retention, the jobs list
-- (events_time). The GIN indexes skip the pending list (fastupdate = off): a read never scans unmerged entries.
CREATE TABLE IF NOT EXISTS events (
  id         text COLLATE "C" PRIMARY KEY,
  pubkey     text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  kind       int NOT NULL,
  e_refs     text[] COLLATE "C" NOT NULL,
  p_refs     text[] COLLATE "C" NOT NULL,
  i_jobs     text[] COLLATE "C" NOT NULL,
  first_seen bigint NOT NULL,
  relays     text[] NOT NULL,
  event      text NOT NULL
);
CREATE INDEX IF NOT EXISTS events_kind_time ON events (kind, created_at);
CREATE INDEX IF NOT EXISTS events_pubkey_time ON events (pubkey, created_at);
CREATE INDEX IF NOT EXISTS events_time ON events (created_at);
CREATE INDEX IF NOT EXISTS events_e_refs ON events USING gin (e_refs) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS events_p_refs ON events USING gin (p_refs) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS events_i_jobs ON events USING gin (i_jobs) WITH (fastupdate = off) WHERE i_jobs <> '{}';

-- The state of every job, for the jobs list (docs/debugging.md): maintained from new events only, in the rollup
-- transaction. kind, requester and created_at stay null until the request itself is seen. status follows
-- JobStatus: success when any result exists, else waiting without feedback, else the status of the latest feedback
-- (by created_at, then id): payment-required, error or success as sent (any case), anything else processing.
CREATE TABLE IF NOT EXISTS job_status (
  request_id           text COLLATE "C" PRIMARY KEY,
  kind                 int,
  requester            text COLLATE "C",
  created_at           bigint,
  results              int NOT NULL DEFAULT 0,
  feedback             int NOT NULL DEFAULT 0,
  last_feedback_at     bigint,
  last_feedback_id     text COLLATE "C",
  last_feedback_status text,
  status               text GENERATED ALWAYS AS (
    CASE WHEN results > 0 THEN 'success'
         WHEN feedback = 0 THEN 'waiting'
         WHEN lower(last_feedback_status) IN ('payment-required', 'error', 'success') THEN lower(last_feedback_status)
         ELSE 'processing' END) STORED
);
CREATE INDEX IF NOT EXISTS job_status_time ON job_status (created_at) WHERE created_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS job_status_status_time ON job_status (status, created_at) WHERE created_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS job_status_kind_time ON job_status (kind, created_at) WHERE created_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS job_status_requester_time ON job_status (requester, created_at)
  WHERE created_at IS NOT NULL;
-- @version 5
-- Bounded reads (docs/metrics.md, "How each figure is stored and read"). Hour and day tiers of minute_counts,
-- kind_users and kind_dvms (same columns; minute = the bucket's first minute, UTC), all-time totals, and the job-pair
-- rollups (per hour / day of pair time, and all time; kind 0 = pair without kind), all maintained in the batch
-- transaction. Each table is backfilled from the rows in place, so an upgraded database keeps every figure.
CREATE TABLE hour_counts (LIKE minute_counts INCLUDING DEFAULTS, PRIMARY KEY (minute, kind, dvm));
CREATE INDEX hour_counts_dvm ON hour_counts (dvm, minute);
CREATE INDEX hour_counts_kind ON hour_counts (kind, minute);
CREATE TABLE day_counts (LIKE minute_counts INCLUDING DEFAULTS, PRIMARY KEY (minute, kind, dvm));
CREATE INDEX day_counts_dvm ON day_counts (dvm, minute);
CREATE INDEX day_counts_kind ON day_counts (kind, minute);
CREATE TABLE hour_kind_users (LIKE kind_users, PRIMARY KEY (minute, kind, pubkey));
CREATE TABLE day_kind_users (LIKE kind_users, PRIMARY KEY (minute, kind, pubkey));
CREATE INDEX day_kind_users_kind ON day_kind_users (kind, minute);
CREATE TABLE hour_kind_dvms (LIKE kind_dvms, PRIMARY KEY (minute, kind, dvm));
CREATE INDEX hour_kind_dvms_dvm ON hour_kind_dvms (dvm, minute);
CREATE TABLE day_kind_dvms (LIKE kind_dvms, PRIMARY KEY (minute, kind, dvm));
CREATE INDEX day_kind_dvms_dvm ON day_kind_dvms (dvm, minute);
CREATE INDEX day_kind_dvms_kind ON day_kind_dvms (kind, minute);

-- All time: counters per (kind, dvm), kind + DVM membership, unique users and DVMs (rows first inserted in users /
-- dvms).
CREATE TABLE total_counts (
  kind        int NOT NULL,
  dvm         text COLLATE "C" NOT NULL,
  requests    bigint NOT NULL DEFAULT 0,
  results     bigint NOT NULL DEFAULT 0,
  feedback    bigint NOT NULL DEFAULT 0,
  errors      bigint NOT NULL DEFAULT 0,
  zapped_sats bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, dvm)
);
CREATE TABLE total_kind_dvms (
  kind int NOT NULL,
  dvm  text COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, dvm)
);
CREATE TABLE global_totals (
  id           smallint PRIMARY KEY CHECK (id = 1),
  unique_users bigint NOT NULL,
  unique_dvms  bigint NOT NULL
);

-- Job pairs by pair time: pairs, sats (pairs with a result), response times >= 0 (count and sum), negative ones.
CREATE TABLE pair_hour (
  minute bigint NOT NULL,
  kind   int NOT NULL,
  dvm    text COLLATE "C" NOT NULL,
  pairs  bigint NOT NULL,
  sats   bigint NOT NULL,
  rt_n   bigint NOT NULL,
  rt_sum bigint NOT NULL,
  skew   bigint NOT NULL,
  PRIMARY KEY (minute, kind, dvm)
);
CREATE INDEX pair_hour_dvm ON pair_hour (dvm, minute);
CREATE TABLE pair_day (LIKE pair_hour, PRIMARY KEY (minute, kind, dvm));
CREATE INDEX pair_day_dvm ON pair_day (dvm, minute);
CREATE INDEX pair_day_kind ON pair_day (kind, minute);
CREATE TABLE pair_total (
  kind   int NOT NULL,
  dvm    text COLLATE "C" NOT NULL,
  pairs  bigint NOT NULL,
  sats   bigint NOT NULL,
  rt_n   bigint NOT NULL,
  rt_sum bigint NOT NULL,
  skew   bigint NOT NULL,
  PRIMARY KEY (kind, dvm)
);
-- Response-time histograms per DVM (whole seconds → pairs), for exact nearest-rank percentiles.
CREATE TABLE pair_rt_hour (
  minute bigint NOT NULL,
  dvm    text COLLATE "C" NOT NULL,
  rt     bigint NOT NULL,
  n      bigint NOT NULL,
  PRIMARY KEY (minute, dvm, rt)
);
CREATE INDEX pair_rt_hour_dvm ON pair_rt_hour (dvm, minute);
CREATE TABLE pair_rt_day (LIKE pair_rt_hour, PRIMARY KEY (minute, dvm, rt));
CREATE INDEX pair_rt_day_dvm ON pair_rt_day (dvm, minute);
CREATE TABLE pair_rt_total (
  dvm  text COLLATE "C" NOT NULL,
  rt   bigint NOT NULL,
  n    bigint NOT NULL,
  PRIMARY KEY (dvm, rt)
);
-- Customers (authors of seen requests) per DVM and bucket: pairs with that customer, member while n > 0.
CREATE TABLE pair_customers_hour (
  minute   bigint NOT NULL,
  kind     int NOT NULL,
  dvm      text COLLATE "C" NOT NULL,
  customer text COLLATE "C" NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (minute, kind, dvm, customer)
);
CREATE INDEX pair_customers_hour_dvm ON pair_customers_hour (dvm, minute);
CREATE TABLE pair_customers_day (LIKE pair_customers_hour, PRIMARY KEY (minute, kind, dvm, customer));
CREATE INDEX pair_customers_day_dvm ON pair_customers_day (dvm, minute);

-- The unfiltered daily time series: per UTC day, its figures with distinct users / DVMs counted within the day
-- (day_users / day_dvms hold the members; a member's first insertion for a day adds 1).
CREATE TABLE series_day (
  minute   bigint PRIMARY KEY,
  requests bigint NOT NULL DEFAULT 0,
  results  bigint NOT NULL DEFAULT 0,
  feedback bigint NOT NULL DEFAULT 0,
  users    bigint NOT NULL DEFAULT 0,
  dvms     bigint NOT NULL DEFAULT 0,
  sats     bigint NOT NULL DEFAULT 0
);
CREATE TABLE day_users (
  minute bigint NOT NULL,
  pubkey text COLLATE "C" NOT NULL,
  PRIMARY KEY (minute, pubkey)
);
CREATE TABLE day_dvms (
  minute bigint NOT NULL,
  dvm    text COLLATE "C" NOT NULL,
  PRIMARY KEY (minute, dvm)
);

INSERT INTO hour_counts
SELECT minute - mod(mod(minute, 60) + 60, 60), kind, dvm, sum(requests), sum(results), sum(feedback), sum(errors),
       sum(zapped_sats)
FROM minute_counts GROUP BY 1, 2, 3;
INSERT INTO day_counts
SELECT minute - mod(mod(minute, 1440) + 1440, 1440), kind, dvm, sum(requests), sum(results), sum(feedback),
       sum(errors), sum(zapped_sats)
FROM minute_counts GROUP BY 1, 2, 3;
INSERT INTO total_counts
SELECT kind, dvm, sum(requests), sum(results), sum(feedback), sum(errors), sum(zapped_sats)
FROM minute_counts GROUP BY 1, 2;
INSERT INTO hour_kind_users SELECT DISTINCT minute - mod(mod(minute, 60) + 60, 60), kind, pubkey FROM kind_users;
INSERT INTO day_kind_users SELECT DISTINCT minute - mod(mod(minute, 1440) + 1440, 1440), kind, pubkey FROM kind_users;
INSERT INTO hour_kind_dvms SELECT DISTINCT minute - mod(mod(minute, 60) + 60, 60), kind, dvm FROM kind_dvms;
INSERT INTO day_kind_dvms SELECT DISTINCT minute - mod(mod(minute, 1440) + 1440, 1440), kind, dvm FROM kind_dvms;
INSERT INTO total_kind_dvms SELECT DISTINCT kind, dvm FROM kind_dvms;
INSERT INTO global_totals VALUES (1, (SELECT count(*) FROM users), (SELECT count(*) FROM dvms));
INSERT INTO day_users SELECT DISTINCT minute, pubkey FROM day_kind_users;
INSERT INTO day_dvms SELECT DISTINCT minute, dvm FROM day_kind_dvms;

CREATE TEMPORARY TABLE pair_facts ON COMMIT DROP AS
SELECT floor(pair_time / 60.0)::bigint AS minute, coalesce(kind, 0) AS kind, dvm, customer,
       CASE WHEN results > 0 THEN coalesce(amount_msat / 1000, 0) ELSE 0 END AS sats,
       first_result_at - request_at AS rt
FROM job_pairs WHERE pair_time IS NOT NULL;
INSERT INTO pair_hour
SELECT minute - mod(mod(minute, 60) + 60, 60), kind, dvm, count(*), sum(sats), count(*) FILTER (WHERE rt >= 0),
       coalesce(sum(rt) FILTER (WHERE rt >= 0), 0), count(*) FILTER (WHERE rt < 0)
FROM pair_facts GROUP BY 1, 2, 3;
INSERT INTO pair_day
SELECT minute - mod(mod(minute, 1440) + 1440, 1440), kind, dvm, count(*), sum(sats), count(*) FILTER (WHERE rt >= 0),
       coalesce(sum(rt) FILTER (WHERE rt >= 0), 0), count(*) FILTER (WHERE rt < 0)
FROM pair_facts GROUP BY 1, 2, 3;
INSERT INTO pair_total
SELECT kind, dvm, count(*), sum(sats), count(*) FILTER (WHERE rt >= 0), coalesce(sum(rt) FILTER (WHERE rt >= 0), 0),
       count(*) FILTER (WHERE rt < 0)
FROM pair_facts GROUP BY 1, 2;
INSERT INTO pair_rt_hour
SELECT minute - mod(mod(minute, 60) + 60, 60), dvm, rt, count(*) FROM pair_facts WHERE rt >= 0 GROUP BY 1, 2, 3;
INSERT INTO pair_rt_day
SELECT minute - mod(mod(minute, 1440) + 1440, 1440), dvm, rt, count(*) FROM pair_facts WHERE rt >= 0
GROUP BY 1, 2, 3;
INSERT INTO pair_rt_total SELECT dvm, rt, count(*) FROM pair_facts WHERE rt >= 0 GROUP BY 1, 2;
INSERT INTO series_day (minute, requests, results, feedback, users, dvms, sats)
SELECT minute, sum(requests), sum(results), sum(feedback), sum(users), sum(dvms), sum(sats)
FROM (SELECT minute, requests, results, feedback, 0 AS users, 0 AS dvms, 0 AS sats FROM day_counts
      UNION ALL SELECT minute, 0, 0, 0, count(*), 0, 0 FROM day_users GROUP BY minute
      UNION ALL SELECT minute, 0, 0, 0, 0, count(*), 0 FROM day_dvms GROUP BY minute
      UNION ALL SELECT minute, 0, 0, 0, 0, 0, sats FROM pair_day) s
GROUP BY minute;
INSERT INTO pair_customers_hour
SELECT minute - mod(mod(minute, 60) + 60, 60), kind, dvm, customer, count(*) FROM pair_facts
WHERE customer IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO pair_customers_day
SELECT minute - mod(mod(minute, 1440) + 1440, 1440), kind, dvm, customer, count(*) FROM pair_facts
WHERE customer IS NOT NULL GROUP BY 1, 2, 3, 4;

-- The all-time views read the totals (per-minute rows older than the retention horizon are deleted).
CREATE OR REPLACE VIEW kind_dvm_support AS
SELECT kind, dvm, bool_or(observed) AS observed, bool_or(announced) AS announced
FROM (SELECT kind, dvm, true AS observed, false AS announced FROM total_kind_dvms WHERE kind BETWEEN 5000 AND 5999
      UNION ALL
      SELECT DISTINCT k, pubkey, false, true FROM announcements, unnest(kinds) AS k) s
GROUP BY kind, dvm;

CREATE OR REPLACE VIEW dvm_stats AS
SELECT d.pubkey AS id, pr.name, pr.about AS profile_description,
       coalesce(c.results, 0) AS job_results, coalesce(c.feedback, 0) AS job_feedback,
       coalesce(j.requests, 0) AS job_requests, j.avg_response AS avg_response_seconds,
       coalesce(j.sats, 0) AS sats_earned
FROM dvms d
JOIN dvm_profiles pr ON pr.pubkey = d.pubkey
LEFT JOIN (SELECT dvm, sum(results) AS results, sum(feedback) AS feedback FROM total_counts GROUP BY dvm) c
       ON c.dvm = d.pubkey
LEFT JOIN (SELECT dvm, sum(pairs)::bigint AS requests, sum(rt_sum) / nullif(sum(rt_n), 0) AS avg_response, sum(sats) AS sats
           FROM pair_total GROUP BY dvm) j ON j.dvm = d.pubkey;

CREATE OR REPLACE VIEW kind_stats AS
SELECT c.kind, c.requests AS job_requests, c.results AS job_results,
       coalesce(p.sats, 0) AS sats_paid, coalesce(k.dvms, 0) AS dvm_count
FROM (SELECT kind, sum(requests) AS requests, sum(results) AS results FROM total_counts
      WHERE kind BETWEEN 5000 AND 5999 GROUP BY kind) c
LEFT JOIN (SELECT kind, sum(sats) AS sats FROM pair_total GROUP BY kind) p ON p.kind = c.kind
LEFT JOIN (SELECT kind, count(*) AS dvms FROM total_kind_dvms GROUP BY kind) k ON k.kind = c.kind;

CREATE OR REPLACE VIEW global_stats AS
SELECT (SELECT coalesce(sum(requests), 0) FROM total_counts) AS job_requests,
       (SELECT coalesce(sum(results), 0) FROM total_counts) AS job_results,
       (SELECT unique_users FROM global_totals) AS unique_users,
       (SELECT unique_dvms FROM global_totals) AS unique_dvms,
       (SELECT id FROM dvm_stats WHERE job_results > 0 ORDER BY job_results DESC, id LIMIT 1) AS most_popular_dvm,
       (SELECT id FROM dvm_stats WHERE sats_earned > 0 ORDER BY sats_earned DESC, id LIMIT 1) AS most_paid_dvm,
       (SELECT kind FROM kind_stats WHERE job_requests > 0 ORDER BY job_requests DESC, kind LIMIT 1) AS most_popular_kind,
       (SELECT kind FROM kind_stats WHERE sats_paid > 0 ORDER BY sats_paid DESC, kind LIMIT 1) AS most_paid_kind,
       (SELECT coalesce(sum(sats), 0) FROM pair_total) AS total_sats;

-- @version 6
-- Distinct users and DVMs of a window [start, now] are those whose last request (result or feedback) is at or after
-- the start: counted from these indexes, in time proportional to that number (docs/metrics.md).
CREATE INDEX IF NOT EXISTS users_last_seen ON users (last_seen);
CREATE INDEX IF NOT EXISTS dvms_last_seen ON dvms (last_seen);

-- @version 7
-- All-time response-time percentiles per DVM (nearest rank over pair_rt_total), refreshed in each batch's transaction
-- for the DVMs whose response times it changed: the all-time DVM list reads one row per DVM instead of every
-- distinct response time ever seen.
CREATE TABLE IF NOT EXISTS dvm_rt_total (
  dvm text PRIMARY KEY,
  p50 bigint NOT NULL,
  p95 bigint NOT NULL
);
INSERT INTO dvm_rt_total (dvm, p50, p95)
SELECT dvm, min(rt) FILTER (WHERE cum * 100 >= 50 * total), min(rt) FILTER (WHERE cum * 100 >= 95 * total)
FROM (SELECT dvm, rt, sum(n) OVER (PARTITION BY dvm ORDER BY rt) AS cum, sum(n) OVER (PARTITION BY dvm) AS total
      FROM pair_rt_total WHERE n > 0) c
GROUP BY dvm
ON CONFLICT (dvm) DO NOTHING;
-- Distinct requesters per day and kind (the size of each day's day_kind_users set), kept as members are first
-- inserted: a kind's daily series reads one row per day instead of every requester of every day.
CREATE TABLE IF NOT EXISTS day_kind_user_counts (
  minute bigint NOT NULL,
  kind int NOT NULL,
  users bigint NOT NULL,
  PRIMARY KEY (kind, minute)
);
INSERT INTO day_kind_user_counts (minute, kind, users)
SELECT minute, kind, count(*) FROM day_kind_users GROUP BY minute, kind
ON CONFLICT DO NOTHING;

-- @version 8
-- DVM health (issue 12). Announcements of every form: the NIP-89 31990, the 31999 service announcement, the ContextVM
-- server 11316 and the encrypted-DVM 11999 (replaceable: d = ''), latest per (pubkey, kind, d).
ALTER TABLE announcements ADD COLUMN IF NOT EXISTS kind int NOT NULL DEFAULT 31990;
ALTER TABLE announcements DROP CONSTRAINT IF EXISTS announcements_pkey;
ALTER TABLE announcements ADD PRIMARY KEY (pubkey, kind, d);
-- Health evidence per DVM and minute: heartbeats (11998, 1999), results and error feedback it authored, and its latest
-- heartbeat's time; summed in each batch's transaction from the batch's new events.
CREATE TABLE IF NOT EXISTS health_evidence (
  dvm       text COLLATE "C" NOT NULL,
  minute    bigint NOT NULL,
  beats     int NOT NULL,
  results   int NOT NULL,
  errors    int NOT NULL,
  last_beat bigint,
  PRIMARY KEY (dvm, minute)
);
-- Current health of each DVM with evidence, and where the evaluator stands: evaluated_to is the last decided grid
-- point; dirty_from the earliest minute of evidence that arrived after its grid point was decided (re-decided from
-- the last change before it); the pending state of the hysteresis.
CREATE TABLE IF NOT EXISTS dvm_health (
  dvm            text COLLATE "C" PRIMARY KEY,
  first_evidence bigint NOT NULL,
  last_evidence  bigint NOT NULL,
  first_beat     bigint,
  last_beat      bigint,
  dirty_from     bigint,
  evaluated_to   bigint,
  state          text NOT NULL DEFAULT 'silent',
  since          bigint,
  cause          text,
  pending_state  text,
  pending_since  bigint,
  pending_cause  text
);
-- Every state change: time (a grid point), new and previous state, cause.
CREATE TABLE IF NOT EXISTS health_changes (
  dvm      text COLLATE "C" NOT NULL,
  at       bigint NOT NULL,
  state    text NOT NULL,
  previous text NOT NULL,
  cause    text NOT NULL,
  PRIMARY KEY (dvm, at)
);
-- /api/health lists the DVMs with evidence in the last 7 days through this index.
CREATE INDEX IF NOT EXISTS dvm_health_last_evidence ON dvm_health (last_evidence);
-- DVMs watched through the admin API (beside health.watch in the config): Prometheus series, listed first.
CREATE TABLE IF NOT EXISTS health_watch (
  pubkey   text COLLATE "C" PRIMARY KEY,
  added_at bigint NOT NULL
);

-- @version 9
-- Success rate (docs/metrics.md): per pair bucket, the pairs the DVM took (answered with a result or feedback) and
-- the pairs it delivered (at least one result), kept by PairRollupDelta like the other pair sums.
ALTER TABLE pair_hour ADD COLUMN IF NOT EXISTS taken bigint NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS delivered bigint NOT NULL DEFAULT 0;
ALTER TABLE pair_day ADD COLUMN IF NOT EXISTS taken bigint NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS delivered bigint NOT NULL DEFAULT 0;
ALTER TABLE pair_total ADD COLUMN IF NOT EXISTS taken bigint NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS delivered bigint NOT NULL DEFAULT 0;
CREATE TEMPORARY TABLE pair_outcomes ON COMMIT DROP AS
SELECT floor(pair_time / 60.0)::bigint AS minute, coalesce(kind, 0) AS kind, dvm,
       CASE WHEN results > 0 OR feedback > 0 THEN 1 ELSE 0 END AS taken,
       CASE WHEN results > 0 THEN 1 ELSE 0 END AS delivered
FROM job_pairs WHERE pair_time IS NOT NULL;
UPDATE pair_hour p SET taken = o.taken, delivered = o.delivered
FROM (SELECT minute - mod(mod(minute, 60) + 60, 60) AS minute, kind, dvm, sum(taken) AS taken,
             sum(delivered) AS delivered FROM pair_outcomes GROUP BY 1, 2, 3) o
WHERE p.minute = o.minute AND p.kind = o.kind AND p.dvm = o.dvm;
UPDATE pair_day p SET taken = o.taken, delivered = o.delivered
FROM (SELECT minute - mod(mod(minute, 1440) + 1440, 1440) AS minute, kind, dvm, sum(taken) AS taken,
             sum(delivered) AS delivered FROM pair_outcomes GROUP BY 1, 2, 3) o
WHERE p.minute = o.minute AND p.kind = o.kind AND p.dvm = o.dvm;
UPDATE pair_total p SET taken = o.taken, delivered = o.delivered
FROM (SELECT kind, dvm, sum(taken) AS taken, sum(delivered) AS delivered FROM pair_outcomes GROUP BY 1, 2) o
WHERE p.kind = o.kind AND p.dvm = o.dvm;

-- @version 10
-- Error feedback per day in the unfiltered daily series (docs/metrics.md, time series `errors`).
ALTER TABLE series_day ADD COLUMN IF NOT EXISTS errors bigint NOT NULL DEFAULT 0;
UPDATE series_day s SET errors = d.errors
FROM (SELECT minute, sum(errors) AS errors FROM day_counts GROUP BY minute) d
WHERE s.minute = d.minute;

-- @version 11
-- For people who query PostgreSQL directly (docs/sql.md): the all-time views gain the success rate and the DVM
-- percentiles, and each has a windowed twin over whole UTC days, reading the day tier (one row per day and key).
CREATE OR REPLACE VIEW dvm_stats AS
SELECT d.pubkey AS id, pr.name, pr.about AS profile_description,
       coalesce(c.results, 0) AS job_results, coalesce(c.feedback, 0) AS job_feedback,
       coalesce(j.requests, 0) AS job_requests, j.avg_response AS avg_response_seconds,
       coalesce(j.sats, 0) AS sats_earned, coalesce(c.errors, 0) AS errors, coalesce(c.zapped, 0) AS sats_zapped,
       j.success_rate, q.p50 AS p50_response_seconds, q.p95 AS p95_response_seconds
FROM dvms d
JOIN dvm_profiles pr ON pr.pubkey = d.pubkey
LEFT JOIN (SELECT dvm, sum(results) AS results, sum(feedback) AS feedback, sum(errors) AS errors,
                  sum(zapped_sats) AS zapped FROM total_counts GROUP BY dvm) c ON c.dvm = d.pubkey
LEFT JOIN (SELECT dvm, sum(pairs)::bigint AS requests, sum(rt_sum) / nullif(sum(rt_n), 0) AS avg_response,
                  sum(sats) AS sats, sum(delivered)::float8 / nullif(sum(taken), 0) AS success_rate
           FROM pair_total GROUP BY dvm) j ON j.dvm = d.pubkey
LEFT JOIN dvm_rt_total q ON q.dvm = d.pubkey;

CREATE OR REPLACE VIEW kind_stats AS
SELECT c.kind, c.requests AS job_requests, c.results AS job_results,
       coalesce(p.sats, 0) AS sats_paid, coalesce(k.dvms, 0) AS dvm_count, c.feedback AS job_feedback,
       p.success_rate
FROM (SELECT kind, sum(requests) AS requests, sum(results) AS results, sum(feedback) AS feedback FROM total_counts
      WHERE kind BETWEEN 5000 AND 5999 GROUP BY kind) c
LEFT JOIN (SELECT kind, sum(sats) AS sats, sum(delivered)::float8 / nullif(sum(taken), 0) AS success_rate
           FROM pair_total GROUP BY kind) p ON p.kind = c.kind
LEFT JOIN (SELECT kind, count(*) AS dvms FROM total_kind_dvms GROUP BY kind) k ON k.kind = c.kind;

-- Windowed twins: figures of the UTC days from since_day on (unix seconds, rounded down to 00:00 UTC). Whole days:
-- the API's windows start on a minute and are exact to the minute; these are for dashboards by day.
CREATE OR REPLACE FUNCTION dvm_stats_since(since_day bigint)
RETURNS TABLE (id text, name text, job_results bigint, job_feedback bigint, errors bigint, sats_zapped bigint,
               job_requests bigint, avg_response_seconds float8, sats_earned bigint, success_rate float8)
LANGUAGE sql STABLE AS $$
  SELECT d.pubkey, pr.name, coalesce(c.results, 0)::bigint, coalesce(c.feedback, 0)::bigint,
         coalesce(c.errors, 0)::bigint, coalesce(c.zapped, 0)::bigint, coalesce(j.requests, 0)::bigint,
         j.avg_response, coalesce(j.sats, 0)::bigint, j.success_rate
  FROM dvms d
  JOIN dvm_profiles pr ON pr.pubkey = d.pubkey
  LEFT JOIN (SELECT dvm, sum(results) AS results, sum(feedback) AS feedback, sum(errors) AS errors,
                    sum(zapped_sats) AS zapped
             FROM day_counts WHERE minute >= (since_day / 86400) * 1440 GROUP BY dvm) c ON c.dvm = d.pubkey
  LEFT JOIN (SELECT dvm, sum(pairs) AS requests, (sum(rt_sum) / nullif(sum(rt_n), 0))::float8 AS avg_response,
                    sum(sats) AS sats, sum(delivered)::float8 / nullif(sum(taken), 0) AS success_rate
             FROM pair_day WHERE minute >= (since_day / 86400) * 1440 GROUP BY dvm) j ON j.dvm = d.pubkey
  WHERE c.dvm IS NOT NULL OR j.dvm IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION kind_stats_since(since_day bigint)
RETURNS TABLE (kind int, job_requests bigint, job_results bigint, job_feedback bigint, sats_paid bigint,
               dvm_count bigint, success_rate float8)
LANGUAGE sql STABLE AS $$
  SELECT c.kind, c.requests::bigint, c.results::bigint, c.feedback::bigint, coalesce(p.sats, 0)::bigint,
         coalesce(k.dvms, 0)::bigint, p.success_rate
  FROM (SELECT kind, sum(requests) AS requests, sum(results) AS results, sum(feedback) AS feedback FROM day_counts
        WHERE kind BETWEEN 5000 AND 5999 AND minute >= (since_day / 86400) * 1440 GROUP BY kind) c
  LEFT JOIN (SELECT kind, sum(sats) AS sats, sum(delivered)::float8 / nullif(sum(taken), 0) AS success_rate
             FROM pair_day WHERE minute >= (since_day / 86400) * 1440 GROUP BY kind) p ON p.kind = c.kind
  LEFT JOIN (SELECT kind, count(DISTINCT dvm) AS dvms FROM day_kind_dvms
             WHERE minute >= (since_day / 86400) * 1440 GROUP BY kind) k ON k.kind = c.kind
$$;

CREATE OR REPLACE FUNCTION global_stats_since(since_day bigint)
RETURNS TABLE (job_requests bigint, job_results bigint, job_feedback bigint, errors bigint, total_sats bigint,
               sats_zapped bigint)
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(requests), 0)::bigint, coalesce(sum(results), 0)::bigint, coalesce(sum(feedback), 0)::bigint,
         coalesce(sum(errors), 0)::bigint, coalesce(sum(sats), 0)::bigint,
         (SELECT coalesce(sum(zapped_sats), 0)::bigint FROM day_counts WHERE minute >= (since_day / 86400) * 1440)
  FROM series_day WHERE minute >= (since_day / 86400) * 1440
$$;

-- @version 12
-- Response-time histograms per pair kind as well as per DVM (percentiles per kind and per DVM and kind), refilled
-- from job_pairs in time order (a window's rows stay together on disk); hour rows only for the last 32 days (no window
-- reads older ones). kind_rt_total keeps each kind's
-- all-time p50 / p95 like dvm_rt_total does per DVM.
TRUNCATE pair_rt_hour, pair_rt_day, pair_rt_total;
ALTER TABLE pair_rt_hour ADD COLUMN kind int NOT NULL DEFAULT 0;
ALTER TABLE pair_rt_day ADD COLUMN kind int NOT NULL DEFAULT 0;
ALTER TABLE pair_rt_total ADD COLUMN kind int NOT NULL DEFAULT 0;
ALTER TABLE pair_rt_hour DROP CONSTRAINT pair_rt_hour_pkey, ADD PRIMARY KEY (minute, kind, dvm, rt);
ALTER TABLE pair_rt_day DROP CONSTRAINT pair_rt_day_pkey, ADD PRIMARY KEY (minute, kind, dvm, rt);
ALTER TABLE pair_rt_total DROP CONSTRAINT pair_rt_total_pkey, ADD PRIMARY KEY (kind, dvm, rt);
CREATE INDEX pair_rt_hour_kind ON pair_rt_hour (kind, minute);
CREATE INDEX pair_rt_day_kind ON pair_rt_day (kind, minute);
CREATE INDEX pair_rt_total_dvm ON pair_rt_total (dvm, rt);
CREATE TEMPORARY TABLE pair_times ON COMMIT DROP AS
SELECT floor(pair_time / 60.0)::bigint AS minute, coalesce(kind, 0) AS kind, dvm, first_result_at - request_at AS rt
FROM job_pairs WHERE pair_time IS NOT NULL AND first_result_at >= request_at;
INSERT INTO pair_rt_hour (minute, kind, dvm, rt, n)
SELECT minute - mod(mod(minute, 60) + 60, 60), kind, dvm, rt, count(*) FROM pair_times
WHERE minute >= (extract(epoch FROM now())::bigint - 32 * 86400) / 60 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
INSERT INTO pair_rt_day (minute, kind, dvm, rt, n)
SELECT minute - mod(mod(minute, 1440) + 1440, 1440), kind, dvm, rt, count(*) FROM pair_times GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
INSERT INTO pair_rt_total (kind, dvm, rt, n) SELECT kind, dvm, rt, count(*) FROM pair_times GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
CREATE TABLE IF NOT EXISTS kind_rt_total (
  kind int PRIMARY KEY,
  p50 bigint NOT NULL,
  p95 bigint NOT NULL
);
INSERT INTO kind_rt_total (kind, p50, p95)
SELECT kind, min(rt) FILTER (WHERE cum * 100 >= 50 * total), min(rt) FILTER (WHERE cum * 100 >= 95 * total)
FROM (SELECT kind, rt, sum(n) OVER (PARTITION BY kind ORDER BY rt) AS cum, sum(n) OVER (PARTITION BY kind) AS total
      FROM (SELECT kind, rt, sum(n) AS n FROM pair_rt_total GROUP BY kind, rt) t) c
GROUP BY kind;

-- @version 13
-- DVM health, continued. seq orders the writes of health_changes, so that API nodes without an evaluator can follow
-- new changes (HealthChangeFeed) through its index.
ALTER TABLE health_changes ADD COLUMN IF NOT EXISTS seq bigserial;
CREATE INDEX IF NOT EXISTS health_changes_seq ON health_changes (seq);
-- Active probes (kind 7007 ping → kind 7000 "pong" feedback): one row per ping sent; pong_at is set in the batch
-- transaction that stores the pong. Read per DVM by time.
CREATE TABLE IF NOT EXISTS health_probes (
  ping_id text COLLATE "C" PRIMARY KEY,
  dvm     text COLLATE "C" NOT NULL,
  sent_at bigint NOT NULL,
  pong_at bigint,
  pong_id text COLLATE "C"
);
CREATE INDEX IF NOT EXISTS health_probes_dvm_sent ON health_probes (dvm, sent_at);

-- @version 14
-- All-time p50 / p95 per kind and DVM (the kind page's DVM rows, a DVM's by-kind rows), kept like dvm_rt_total.
CREATE TABLE IF NOT EXISTS kind_dvm_rt_total (
  kind int NOT NULL,
  dvm  text COLLATE "C" NOT NULL,
  p50  bigint NOT NULL,
  p95  bigint NOT NULL,
  PRIMARY KEY (kind, dvm)
);
CREATE INDEX IF NOT EXISTS kind_dvm_rt_total_dvm ON kind_dvm_rt_total (dvm);
INSERT INTO kind_dvm_rt_total (kind, dvm, p50, p95)
SELECT kind, dvm, min(rt) FILTER (WHERE cum * 100 >= 50 * total), min(rt) FILTER (WHERE cum * 100 >= 95 * total)
FROM (SELECT kind, dvm, rt, sum(n) OVER (PARTITION BY kind, dvm ORDER BY rt) AS cum,
             sum(n) OVER (PARTITION BY kind, dvm) AS total
      FROM pair_rt_total WHERE n > 0) c
GROUP BY kind, dvm
ON CONFLICT DO NOTHING;

-- @version 15
-- DVM health: maintenance windows per DVM, set through the admin API. A state change of a watched DVM whose time falls
-- in one of its windows is not notified (webhook, direct message); the windows not yet ended show on its health and
-- status page.
CREATE TABLE IF NOT EXISTS health_maintenance (
  id         bigserial PRIMARY KEY,
  dvm        text COLLATE "C" NOT NULL,
  starts_at  bigint NOT NULL,
  ends_at    bigint NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_at bigint NOT NULL,
  -- set once the evaluator has decided past ends_at and the follow-up ("still down after maintenance") was handled
  end_checked boolean NOT NULL DEFAULT false,
  CHECK (ends_at > starts_at)
);
CREATE INDEX IF NOT EXISTS health_maintenance_dvm_end ON health_maintenance (dvm, ends_at);
-- Synthetic jobs (health.synthetic_jobs): one row per job request the monitor sent to a watched DVM; result_at /
-- error are set in the batch transaction that stores the DVM's first result or error feedback for it.
CREATE TABLE IF NOT EXISTS health_jobs (
  request_id text COLLATE "C" PRIMARY KEY,
  dvm        text COLLATE "C" NOT NULL,
  kind       int NOT NULL,
  sent_at    bigint NOT NULL,
  result_at  bigint,
  result_id  text COLLATE "C",
  error      text
);
CREATE INDEX IF NOT EXISTS health_jobs_dvm_sent ON health_jobs (dvm, sent_at);

-- @version 16
-- Zapped sats per kind (docs/metrics.md: by the NIP-57 k tag of the receipt) in the kind views, as in /api/kinds; and
-- kind_stats lists the kinds the API lists (any request, result or feedback): a zap naming a kind alone adds no row.
CREATE OR REPLACE VIEW kind_stats AS
SELECT c.kind, c.requests AS job_requests, c.results AS job_results,
       coalesce(p.sats, 0) AS sats_paid, coalesce(k.dvms, 0) AS dvm_count, c.feedback AS job_feedback,
       p.success_rate, c.zapped AS sats_zapped
FROM (SELECT kind, sum(requests) AS requests, sum(results) AS results, sum(feedback) AS feedback,
             sum(zapped_sats) AS zapped
      FROM total_counts WHERE kind BETWEEN 5000 AND 5999 GROUP BY kind
      HAVING sum(requests) + sum(results) + sum(feedback) > 0) c
LEFT JOIN (SELECT kind, sum(sats) AS sats, sum(delivered)::float8 / nullif(sum(taken), 0) AS success_rate
           FROM pair_total GROUP BY kind) p ON p.kind = c.kind
LEFT JOIN (SELECT kind, count(*) AS dvms FROM total_kind_dvms GROUP BY kind) k ON k.kind = c.kind;

-- A function's result columns cannot change in place: dropped and made again (EXECUTE stays granted to PUBLIC).
DROP FUNCTION IF EXISTS kind_stats_since(bigint);
CREATE FUNCTION kind_stats_since(since_day bigint)
RETURNS TABLE (kind int, job_requests bigint, job_results bigint, job_feedback bigint, sats_paid bigint,
               dvm_count bigint, success_rate float8, sats_zapped bigint)
LANGUAGE sql STABLE AS $$
  SELECT c.kind, c.requests::bigint, c.results::bigint, c.feedback::bigint, coalesce(p.sats, 0)::bigint,
         coalesce(k.dvms, 0)::bigint, p.success_rate, c.zapped::bigint
  FROM (SELECT kind, sum(requests) AS requests, sum(results) AS results, sum(feedback) AS feedback,
               sum(zapped_sats) AS zapped
        FROM day_counts WHERE kind BETWEEN 5000 AND 5999 AND minute >= (since_day / 86400) * 1440 GROUP BY kind
        HAVING sum(requests) + sum(results) + sum(feedback) > 0) c
  LEFT JOIN (SELECT kind, sum(sats) AS sats, sum(delivered)::float8 / nullif(sum(taken), 0) AS success_rate
             FROM pair_day WHERE minute >= (since_day / 86400) * 1440 GROUP BY kind) p ON p.kind = c.kind
  LEFT JOIN (SELECT kind, count(DISTINCT dvm) AS dvms FROM day_kind_dvms
             WHERE minute >= (since_day / 86400) * 1440 GROUP BY kind) k ON k.kind = c.kind
$$;

-- @version 18
-- Rows of one bucket stay together on disk (store/TierLayout): the tier tables that batches update in place leave 20 %
-- of each page free, so that a row's new version stays on its page (a HOT update) instead of moving to wherever
-- space is free among older buckets. Pages written from now on; `import` rewrites the tables in bucket order.
ALTER TABLE minute_counts SET (fillfactor = 80);
ALTER TABLE hour_counts SET (fillfactor = 80);
ALTER TABLE day_counts SET (fillfactor = 80);
ALTER TABLE pair_hour SET (fillfactor = 80);
ALTER TABLE pair_day SET (fillfactor = 80);
ALTER TABLE pair_rt_hour SET (fillfactor = 80);
ALTER TABLE pair_rt_day SET (fillfactor = 80);
ALTER TABLE pair_customers_hour SET (fillfactor = 80);
ALTER TABLE pair_customers_day SET (fillfactor = 80);
ALTER TABLE series_day SET (fillfactor = 80);
ALTER TABLE day_kind_user_counts SET (fillfactor = 80);

-- @version 19
-- Raw events without the copies: the fields that have their own column (id, pubkey, created_at, kind) are no longer
-- repeated in a JSON text, and the signature is kept as its 64 bytes. `tags_json` and `content_json` hold the tags
-- array and the content string exactly as the NIP-01 JSON writes them (the content as a JSON string literal, so any
-- character, NUL included, is kept); the event is written back field for field (PgEventStore). About 260 bytes per
-- event fewer. Existing rows move in this version's transaction, cut out of the text DVMDash wrote (its fields always
-- in the order id, pubkey, created_at, kind, tags, content, sig; inside the tags every quote is escaped, so the first
-- `,"content":` ends them), not parsed as JSON (PostgreSQL's JSON functions refuse an escaped NUL).
ALTER TABLE events ADD COLUMN tags_json text, ADD COLUMN content_json text, ADD COLUMN sig bytea;
UPDATE events SET
  tags_json = substr(event, strpos(event, ',"tags":') + 8, strpos(event, ',"content":') - strpos(event, ',"tags":') - 8),
  content_json = substr(event, strpos(event, ',"content":') + 11, length(event) - 137 - (strpos(event, ',"content":') + 11)),
  sig = decode(substr(event, length(event) - 129, 128), 'hex');
ALTER TABLE events ALTER COLUMN tags_json SET NOT NULL, ALTER COLUMN content_json SET NOT NULL,
                   ALTER COLUMN sig SET NOT NULL, DROP COLUMN event;

-- @version 20
-- Events by author from a 64-bit hash of the pubkey instead of the 64-character text (the read rechecks the pubkey
-- itself): about 90 bytes per event fewer, the same index scan newest first.
-- The planner must know that the hash and the pubkey go together (else it takes the two conditions for independent,
-- expects a handful of rows and reads all of the author's events to sort them).
CREATE INDEX IF NOT EXISTS events_author_hash_time ON events ((hashtextextended(pubkey, 0)), created_at);
DROP INDEX IF EXISTS events_pubkey_time;
CREATE STATISTICS IF NOT EXISTS events_author_hash_dep (dependencies) ON (hashtextextended(pubkey, 0)), pubkey
  FROM events;
ANALYZE events;

-- @version 21
-- Response-time histograms per kind and day (pair_rt_day summed over the DVMs): the figures of a kind or of all kinds
-- (the kind list and page's p50 / p95, the time series' p50 / p95 per bucket) read these instead of one row per DVM
-- as well: 7,000 rows for 30 days instead of 24,000 at the benchmark's density, 94,000 instead of 327,000 all time.
CREATE TABLE IF NOT EXISTS kind_rt_day (
  minute bigint NOT NULL,
  kind   int NOT NULL,
  rt     bigint NOT NULL,
  n      bigint NOT NULL,
  PRIMARY KEY (minute, kind, rt)
) WITH (fillfactor = 80);
CREATE INDEX IF NOT EXISTS kind_rt_day_kind ON kind_rt_day (kind, minute);
INSERT INTO kind_rt_day (minute, kind, rt, n)
SELECT minute, kind, rt, sum(n) FROM pair_rt_day GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT DO NOTHING;

-- @version 22
-- Raw events in fewer bytes (about 500 per event): ids, pubkeys and the referenced ids and pubkeys as their 32 bytes
-- instead of 64 hex characters, in the table and in its indexes; the tags and the content in one compressed value
-- (store/EventBody: DEFLATE against a fixed dictionary of what DVM events repeat). This version moves existing rows
-- to `body` uncompressed (format byte 0); store/RawRowCompaction compresses them once, in pages, when DVMDash starts.
-- The author index keeps hashing the hex text (the same hash values as version 20).
CREATE FUNCTION dvmdash_hex_array(a text[]) RETURNS bytea[] LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(array_agg(decode(x, 'hex') ORDER BY o), '{}') FROM unnest(a) WITH ORDINALITY AS u(x, o)
$$;
DROP STATISTICS IF EXISTS events_author_hash_dep;
DROP INDEX IF EXISTS events_author_hash_time;
DROP INDEX IF EXISTS events_e_refs;
DROP INDEX IF EXISTS events_p_refs;
DROP INDEX IF EXISTS events_i_jobs;
ALTER TABLE events
  ALTER COLUMN id TYPE bytea USING decode(id, 'hex'),
  ALTER COLUMN pubkey TYPE bytea USING decode(pubkey, 'hex'),
  ALTER COLUMN e_refs TYPE bytea[] USING dvmdash_hex_array(e_refs),
  ALTER COLUMN p_refs TYPE bytea[] USING dvmdash_hex_array(p_refs),
  ALTER COLUMN i_jobs TYPE bytea[] USING dvmdash_hex_array(i_jobs),
  ALTER COLUMN tags_json TYPE bytea USING '\x00'::bytea || int4send(octet_length(convert_to(tags_json, 'UTF8')))
    || convert_to(tags_json, 'UTF8') || convert_to(content_json, 'UTF8');
-- (the dropped column's bytes leave the rows when RawRowCompaction rewrites them)
ALTER TABLE events DROP COLUMN content_json;
ALTER TABLE events RENAME COLUMN tags_json TO body;
-- already compressed data: no point in PostgreSQL compressing it again
ALTER TABLE events ALTER COLUMN body SET STORAGE EXTERNAL;
DROP FUNCTION dvmdash_hex_array(text[]);
CREATE INDEX IF NOT EXISTS events_e_refs ON events USING gin (e_refs) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS events_p_refs ON events USING gin (p_refs) WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS events_i_jobs ON events USING gin (i_jobs) WITH (fastupdate = off) WHERE i_jobs <> '{}';
CREATE INDEX IF NOT EXISTS events_author_hash_time ON events ((hashtextextended(encode(pubkey, 'hex'), 0)), created_at);
CREATE STATISTICS IF NOT EXISTS events_author_hash_dep (dependencies)
  ON (hashtextextended(encode(pubkey, 'hex'), 0)), pubkey FROM events;
-- the rows the upgrade wrote uncompressed, for RawRowCompaction (empty once it has run)
CREATE INDEX IF NOT EXISTS events_body_untried ON events (id) WHERE get_byte(body, 0) = 0;
ANALYZE events;

-- @version 23
-- `requests` repeated what job_status holds for every request seen (kind, requester, created_at, set once the request
-- is seen): the rollups now read job_status (store/RollupRepository), about 80 bytes per event fewer. A request that
-- only `requests` knew (none should) is copied over first.
INSERT INTO job_status AS j (request_id, kind, requester, created_at)
SELECT id, kind, author, created_at FROM requests
ON CONFLICT (request_id) DO UPDATE SET kind = excluded.kind, requester = excluded.requester,
  created_at = excluded.created_at
  WHERE j.created_at IS NULL;
DROP TABLE requests;

-- @version 24
-- The relays a DVM names in the `relays` tags of each announcement (shared/nostr/AnnouncedRelays: normalized ws/wss
-- URLs, at most 8), written with the announcement in the batch's transaction; the health probes ping a DVM on those of
-- its latest announcement that names any (health/ProbeRelays). Null: not read yet. The announcements stored before
-- this version are read from their raw events right after the upgrade (store/AnnouncedRelayBackfill); one whose raw
-- event is not in PostgreSQL stays null (read as none) until the DVM announces again.
ALTER TABLE announcements ADD COLUMN IF NOT EXISTS relays text[];

-- @version 25
-- The all-time global view carries the zapped sats as /api/stats/global does (total_sats_zapped: every zap receipt
-- to a 64-hex recipient, whatever its zap kind; kept apart from total_sats), as global_stats_since already did. A
-- view only: the figure is the sum of total_counts' zapped_sats, which every batch keeps, so nothing to backfill.
CREATE OR REPLACE VIEW global_stats AS
SELECT (SELECT coalesce(sum(requests), 0) FROM total_counts) AS job_requests,
       (SELECT coalesce(sum(results), 0) FROM total_counts) AS job_results,
       (SELECT unique_users FROM global_totals) AS unique_users,
       (SELECT unique_dvms FROM global_totals) AS unique_dvms,
       (SELECT id FROM dvm_stats WHERE job_results > 0 ORDER BY job_results DESC, id LIMIT 1) AS most_popular_dvm,
       (SELECT id FROM dvm_stats WHERE sats_earned > 0 ORDER BY sats_earned DESC, id LIMIT 1) AS most_paid_dvm,
       (SELECT kind FROM kind_stats WHERE job_requests > 0 ORDER BY job_requests DESC, kind LIMIT 1) AS most_popular_kind,
       (SELECT kind FROM kind_stats WHERE sats_paid > 0 ORDER BY sats_paid DESC, kind LIMIT 1) AS most_paid_kind,
       (SELECT coalesce(sum(sats), 0) FROM pair_total) AS total_sats,
       (SELECT coalesce(sum(zapped_sats), 0) FROM total_counts) AS total_sats_zapped;

-- @version 26
-- The relays that delivered an event as small ids instead of their URLs (about 30 bytes per event fewer): the URLs
-- once in `relay_urls`, `events.relays` the ids. `dvmdash_relay_ids` maps URLs to ids (store/PgEventStore adds a
-- batch's new URLs first, in the batch's transaction); `dvmdash_relay_urls` maps them back, sorted by URL as before.
CREATE TABLE IF NOT EXISTS relay_urls (
  id  int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url text NOT NULL UNIQUE
);
INSERT INTO relay_urls (url) SELECT DISTINCT unnest(relays) FROM events ORDER BY 1 ON CONFLICT DO NOTHING;
CREATE FUNCTION dvmdash_relay_ids(urls text[]) RETURNS int[] LANGUAGE sql STABLE STRICT AS $$
  SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM relay_urls WHERE url = ANY(urls)
$$;
CREATE FUNCTION dvmdash_relay_urls(ids int[]) RETURNS text[] LANGUAGE sql STABLE STRICT AS $$
  SELECT coalesce(array_agg(url ORDER BY url), '{}') FROM relay_urls WHERE id = ANY(ids)
$$;
ALTER TABLE events ALTER COLUMN relays TYPE int[] USING dvmdash_relay_ids(relays);

-- @version 27
-- A version per day of the day histograms of response times (pair_rt_day): every statement that writes a day's rows
-- sets it to its transaction's id, so a reader may keep a day's histogram and read it again only when the version
-- moved (store/DayHistograms: a 30-day window's percentiles then read the days that changed, usually today, not 24,000
-- rows each time). Transaction ids are never reused in a cluster, also not by `rebuild`'s fresh schema. A day without
-- a row here has no histogram rows. TRUNCATE moves every version.
CREATE TABLE IF NOT EXISTS rt_day_versions (
  minute  bigint PRIMARY KEY,
  version bigint NOT NULL
);
INSERT INTO rt_day_versions (minute, version) SELECT DISTINCT minute, txid_current() FROM pair_rt_day;
CREATE FUNCTION dvmdash_rt_days_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rt_day_versions (minute, version) SELECT DISTINCT minute, txid_current() FROM written
  ON CONFLICT (minute) DO UPDATE SET version = excluded.version;
  RETURN NULL;
END
$$;
CREATE FUNCTION dvmdash_rt_days_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE rt_day_versions SET version = txid_current();
  RETURN NULL;
END
$$;
CREATE TRIGGER pair_rt_day_inserted AFTER INSERT ON pair_rt_day REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION dvmdash_rt_days_written();
CREATE TRIGGER pair_rt_day_updated AFTER UPDATE ON pair_rt_day REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION dvmdash_rt_days_written();
CREATE TRIGGER pair_rt_day_updated_from AFTER UPDATE ON pair_rt_day REFERENCING OLD TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION dvmdash_rt_days_written();
CREATE TRIGGER pair_rt_day_deleted AFTER DELETE ON pair_rt_day REFERENCING OLD TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION dvmdash_rt_days_written();
CREATE TRIGGER pair_rt_day_truncated AFTER TRUNCATE ON pair_rt_day
  FOR EACH STATEMENT EXECUTE FUNCTION dvmdash_rt_days_truncated();
