// Browser tests: headless Debian Chromium driven by playwright-core, run with
// node:test, against the real DVMDash. BASE_URL selects a running server (then
// E2E_ADMIN_TOKEN, when set, is its admin token); without it, the app is built
// (unless E2E_NO_BUILD=1) and the jar is started in demo mode on a free port
// (demo-server.js). Every assertion compares the page with what that server's
// API answers; job documents the debugger tests need are served by page.route
// (fixtures.js). Screenshots go to webroot/test-results/.
//
//   npm run test:e2e
//   BASE_URL=http://127.0.0.1:8080 npm run test:e2e
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoServer } from './demo-server.js';
import { formatNumber, formatSats, formatPercent, completionRatio, displayName, kindLabel, formatDuration } from '../../src/lib/format.js';
import { randomBytes } from 'node:crypto';
import { signEvent, generateSecretKey, noteEncode, npubEncode } from '../../src/lib/nostr.js';
import { jobDiagnosis } from '../../src/lib/diagnosis.js';
import { applyChange, formatUptime, sortHealthRows, stateLabel } from '../../src/lib/health.js';
import { successWithErroredSibling, waitingJob, resultEventsFor, healthStream } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = path.join(root, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

let base = process.env.BASE_URL?.replace(/\/$/, '');
// The admin token of the server under test (the relay admin and maintenance tests need it).
let ADMIN_TOKEN = process.env.E2E_ADMIN_TOKEN;
let demo = null;
let browser = null;

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  }
  if (!base) {
    if (process.env.E2E_NO_BUILD !== '1' || !fs.existsSync(path.join(root, 'dist', 'index.html'))) {
      execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    }
    demo = await startDemoServer();
    base = demo.base;
    ADMIN_TOKEN = demo.adminToken;
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

async function api(p) {
  const res = await fetch(base + p);
  assert.equal(res.ok, true, `GET ${p} → ${res.status}`);
  return res.json();
}

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A page that records console errors and uncaught exceptions. */
async function openPage({ width = 1366, height = 900, touch = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light', hasTouch: touch, isMobile: touch });
  // The tests run offline: what the simulated network links to (result images on image.example.com, …) is answered
  // here, an image with a 1×1 PNG, so a preview of a real demo result is not a failed request.
  const origin = new URL(base).origin;
  await context.route((url) => url.origin !== origin, (route) => (/\.(png|jpe?g|gif|webp)$/i.test(new URL(route.request().url()).pathname)
    ? route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL })
    : route.fulfill({ status: 204, body: '' })));
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // The app aborts fetches it no longer needs (page or range changed), and the
    // EventSource is cut when the page closes: neither is an error.
    if (!req.url().endsWith('/api/stream') && req.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`);
  });
  return { page, errors, close: () => context.close() };
}

async function text(page, testid) {
  return (await page.getByTestId(testid).first().innerText()).trim();
}

/** Retry `fn` until it stops throwing (live data may move between two reads). */
async function eventually(fn, { tries = 8, delayMs = 700, onRetry = null } = {}) {
  let last;
  for (let i = 0; i < tries; i++) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      if (onRetry) await onRetry(i);
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
  throw last;
}

function shot(page, name) {
  return page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

/** All `data-testid` texts matching a prefix, read at once (one round trip). */
function readTestIds(page, prefix) {
  return page.evaluate((prefix) => {
    const out = {};
    for (const el of document.querySelectorAll(`[data-testid^="${prefix}"]`)) out[el.dataset.testid] = el.innerText.trim();
    return out;
  }, prefix);
}

/**
 * The Overview cards equal /api/stats/global for `range`. Live data moves (a job
 * every 2 s, a stats frame every 5 s), so callers retry until a read falls
 * between a stats frame and the next job. For 24h the page takes every live
 * `stats` frame, so it is compared with a fetch of the test's own; other ranges
 * refetch at most every 10 s, so they are compared with the answer the page
 * received (`seen`, from recordApi).
 */
async function expectOverviewMatches(page, range, seen = null) {
  const [g, shown] = await Promise.all([seen ? answerOf(seen) : api(`/api/stats/global?range=${range}`), readTestIds(page, 'stat-')]);
  assert.equal(g.range, range);
  const expected = {
    'stat-job_requests': formatNumber(g.job_requests),
    'stat-job_results': formatNumber(g.job_results),
    'stat-job_feedback': formatNumber(g.job_feedback),
    'stat-completion': formatPercent(completionRatio(g.job_results, g.job_requests)),
    'stat-unique_users': formatNumber(g.unique_users),
    'stat-unique_dvms': formatNumber(g.unique_dvms),
    'stat-unique_kinds': formatNumber(g.unique_kinds),
    'stat-total_sats': formatSats(g.total_sats),
    'stat-total_sats_zapped': formatSats(g.total_sats_zapped),
    'stat-most_popular_dvm': g.most_popular_dvm ? displayName(g.most_popular_dvm.name, g.most_popular_dvm.pubkey) : 'None yet',
    'stat-most_paid_dvm': g.most_paid_dvm ? displayName(g.most_paid_dvm.name, g.most_paid_dvm.pubkey) : 'None yet',
    'stat-most_popular_kind': g.most_popular_kind ? kindLabel(g.most_popular_kind.kind, g.most_popular_kind.name) : 'None yet',
    'stat-most_paid_kind': g.most_paid_kind ? kindLabel(g.most_paid_kind.kind, g.most_paid_kind.name) : 'None yet',
  };
  const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, shown[k]]));
  assert.deepEqual(actual, expected, `Overview (${range}) equals the API`);
  return g;
}

const LIVE_RETRY = { tries: 60, delayMs: 250 };

test('every page loads without console errors (screenshots saved)', async () => {
  const top = (await api('/api/dvms?range=7d&limit=1')).dvms[0];
  const kinds = (await api('/api/kinds?range=7d')).kinds;
  const ev = (await api('/api/events?limit=1')).events[0].event;
  const job = (await api('/api/jobs?limit=1')).jobs[0];
  const pages = [
    ['overview', '/', 'stat-job_requests'],
    ['dvms', '/dvms', 'dvm-table'],
    ['dvm-detail', `/dvms/${top.pubkey}?range=7d`, 'dvm-job_results'],
    ['kinds', '/kinds', 'kind-table'],
    ['kind-detail', `/kinds/${kinds[0].kind}?range=7d`, 'kind-job_requests'],
    ['relays', '/relays', 'relay-table'],
    ['event', `/events/${ev.id}`, 'raw-event'],
    ['jobs', '/jobs', 'job-row'],
    ['job', `/jobs/${job.id}`, 'timeline-row'],
    ['user', `/users/${npubEncode(job.user)}`, 'user-jobs'],
    ['playground', '/playground', 'pg-publish'],
    ['health', '/dvm-health', 'health-row'],
    ['not-found', '/no/such/page', 'not-found'],
  ];
  for (const [name, url, testid] of pages) {
    const { page, errors, close } = await openPage();
    try {
      await page.goto(base + url);
      await page.getByTestId(testid).first().waitFor({ timeout: 15000 });
      if (['overview', 'dvm-detail', 'kind-detail'].includes(name)) await page.getByTestId('chart-jobs').first().waitFor({ timeout: 15000 });
      await page.waitForTimeout(300);
      await shot(page, name);
      assert.deepEqual(errors, [], `${name}: console errors`);
    } finally {
      await close();
    }
  }
});

test('the Overview numbers equal the API', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/');
    await page.getByTestId('stat-job_requests').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="stat-job_requests"]').textContent.includes('…'));
    await eventually(() => expectOverviewMatches(page, '24h'), LIVE_RETRY);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

/**
 * Records the JSON answers the page itself gets for `apiPath` (path and query,
 * exactly). `latest` is the newest one by request order. Comparing the page
 * with the very answer it rendered keeps the check exact while demo data keeps
 * arriving (a separate fetch by the test may already count one more job).
 */
function recordApi(page, apiPath) {
  const seen = { latest: null, seq: 0, count: 0 };
  let next = 0;
  page.on('response', async (res) => {
    const u = new URL(res.url());
    if (u.pathname + u.search !== apiPath || !res.ok()) return;
    const seq = ++next;
    try {
      const body = await res.json();
      if (seq > seen.seq) Object.assign(seen, { latest: body, seq });
      seen.count++;
    } catch {
      /* page closed while reading */
    }
  });
  return seen;
}

/** Wait until the page has received an answer for the recorded path, and return it. */
async function answerOf(seen) {
  for (let i = 0; i < 100 && !seen.latest; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(seen.latest, 'the page fetched its API document');
  return seen.latest;
}

test('a DVM page and a Kind page show the API numbers', async () => {
  const range = '30d';
  const pk = (await api(`/api/dvms?range=${range}&limit=1`)).dvms[0].pubkey;
  const { page, errors, close } = await openPage();
  try {
    const dvmPath = `/api/dvms/${pk}?range=${range}`;
    const dvmSeen = recordApi(page, dvmPath);
    await page.goto(`${base}/dvms/${pk}?range=${range}`);
    await page.getByTestId('dvm-job_results').waitFor();
    // The test's own request names the same DVM and range as the page's.
    const fresh = await api(dvmPath);
    assert.equal(fresh.pubkey, pk);
    assert.equal(fresh.range, range);
    await eventually(async () => {
      const d = await answerOf(dvmSeen);
      assert.equal(d.pubkey, pk);
      assert.ok((await text(page, 'dvm-name')).startsWith(displayName(d.name, d.pubkey)));
      assert.ok((await text(page, 'dvm-name')).startsWith(displayName(fresh.name, fresh.pubkey)));
      assert.equal(await text(page, 'dvm-job_requests'), formatNumber(d.job_requests));
      assert.equal(await text(page, 'dvm-job_results'), formatNumber(d.job_results));
      assert.equal(await text(page, 'dvm-job_feedback'), formatNumber(d.job_feedback));
      assert.equal(await text(page, 'dvm-errors'), formatNumber(d.errors));
      assert.equal(await text(page, 'dvm-avg_response'), formatDuration(d.avg_response_seconds));
      assert.equal(await text(page, 'dvm-p50_response'), formatDuration(d.p50_response_seconds));
      assert.equal(await text(page, 'dvm-sats_earned'), formatSats(d.sats_earned));
      assert.equal(await text(page, 'dvm-sats_zapped'), formatSats(d.sats_zapped));
      // Per kind: p50 and p95 beside the average; sorted by p95, fastest first.
      if ((await page.getByTestId('sort-p95_response_seconds').locator('.arrow').innerText()) !== '▲') await page.getByTestId('sort-p95_response_seconds').click();
      const byP95 = [...d.by_kind].sort((a, b) => (a.p95_response_seconds ?? Infinity) - (b.p95_response_seconds ?? Infinity));
      assert.deepEqual(await page.getByTestId('dvm-kind-row').evaluateAll((rows) => rows.map((r) => Number(r.dataset.kind))), byP95.map((k) => k.kind));
      assert.deepEqual(await page.getByTestId('dvm-kind-p95').allInnerTexts(), byP95.map((k) => formatDuration(k.p95_response_seconds)));
      assert.deepEqual(await page.getByTestId('dvm-kind-p50').allInnerTexts(), byP95.map((k) => formatDuration(k.p50_response_seconds)));
    });

    const kind = (await api(`/api/kinds?range=${range}`)).kinds[0].kind;
    const kindPath = `/api/kinds/${kind}?range=${range}`;
    const kindSeen = recordApi(page, kindPath);
    await page.goto(`${base}/kinds/${kind}?range=${range}`);
    await page.getByTestId('kind-job_requests').waitFor();
    const freshKind = await api(kindPath);
    assert.equal(freshKind.kind, kind);
    assert.equal(freshKind.range, range);
    await eventually(async () => {
      const k = await answerOf(kindSeen);
      assert.equal(k.kind, kind);
      assert.equal(await text(page, 'kind-name'), kindLabel(k.kind, k.name));
      assert.equal(await text(page, 'kind-name'), kindLabel(freshKind.kind, freshKind.name));
      assert.equal(await text(page, 'kind-job_requests'), formatNumber(k.job_requests));
      assert.equal(await text(page, 'kind-job_results'), formatNumber(k.job_results));
      assert.equal(await text(page, 'kind-job_feedback'), formatNumber(k.job_feedback));
      assert.equal(await text(page, 'kind-completion'), formatPercent(completionRatio(k.job_results, k.job_requests)));
      assert.equal(await text(page, 'kind-sats_paid'), formatSats(k.sats_paid));
      assert.equal(await text(page, 'kind-sats_zapped'), formatSats(k.sats_zapped));
      assert.equal(await text(page, 'kind-dvm_count'), formatNumber(k.dvm_count));
      assert.equal(await text(page, 'kind-announced_dvm_count'), formatNumber(k.announced_dvm_count));
      assert.equal(await text(page, 'kind-avg_response'), formatDuration(k.avg_response_seconds));
      // One table row per DVM the API lists for this kind, with its p50 and p95; sorted by p50, fastest first.
      const rows = await page.locator('[data-testid="kind-dvms"] tbody tr').count();
      assert.equal(rows, k.dvms.length);
      if ((await page.getByTestId('sort-p50_response_seconds').locator('.arrow').innerText()) !== '▲') await page.getByTestId('sort-p50_response_seconds').click();
      const byP50 = [...k.dvms].sort((a, b) => (a.p50_response_seconds ?? Infinity) - (b.p50_response_seconds ?? Infinity));
      assert.deepEqual(await page.getByTestId('kind-dvm-row').evaluateAll((r) => r.map((x) => x.dataset.pubkey)), byP50.map((x) => x.pubkey));
      assert.deepEqual(await page.getByTestId('kind-dvm-p50').allInnerTexts(), byP50.map((x) => formatDuration(x.p50_response_seconds)));
      assert.deepEqual(await page.getByTestId('kind-dvm-p95').allInnerTexts(), byP50.map((x) => formatDuration(x.p95_response_seconds)));
    });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a new job appears on the open Overview live feed without reload', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/');
    await page.getByTestId('feed-item').first().waitFor({ timeout: 15000 });
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    const before = await page.$$eval('[data-testid="feed-item"]', (els) => els.map((e) => e.dataset.id));
    await page.waitForFunction(
      (known) => [...document.querySelectorAll('[data-testid="feed-item"]')].some((e) => !known.includes(e.dataset.id)),
      before,
      { timeout: 20000 },
    );
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
    assert.equal(await text(page, 'live-status'), 'Live');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the Health page follows the API and a DVM going down and back up live, without reload; DVM links carry state dots', async () => {
  // The demo's DVMs turn up once the health loop (every 30 s) has judged a closed minute with their
  // evidence; on a slow machine that can come after the first pages are tested.
  await eventually(async () => assert.ok((await api('/api/health')).dvms.some((r) => r.state === 'up'), 'the demo has an up DVM'),
    { tries: 60, delayMs: 2000 });
  const { page, errors, close } = await openPage();
  try {
    // The live part: `health` frames shaped like the server's (fixtures.js) on this page's stream.
    const stream = healthStream(page);
    await stream.install();
    const seen = recordApi(page, '/api/health');
    await page.goto(base + '/dvm-health');
    await page.getByTestId('health-row').first().waitFor({ timeout: 15000 });
    const rows = (await answerOf(seen)).dvms;
    const order = () => page.getByTestId('health-row').evaluateAll((els) => els.map((e) => `${e.dataset.pubkey} ${e.dataset.state}`));
    // One row per DVM of the API, watched first, then down, degraded, up, silent.
    assert.deepEqual(await order(), sortHealthRows(rows).map((r) => `${r.pubkey} ${r.state}`));
    const target = rows.find((r) => r.state === 'up');
    assert.ok(target, 'the demo has an up DVM');
    const row = page.locator(`[data-testid="health-row"][data-pubkey="${target.pubkey}"]`);
    assert.equal((await row.getByTestId('health-state').innerText()).trim(), stateLabel('up'));
    await page.evaluate(() => (window.__marker = 'no reload'));
    const t = Math.floor(Date.now() / 1000);
    const down = { pubkey: target.pubkey, at: t, state: 'down', previous: 'up', cause: 'e2e: heartbeat lapsed' };
    stream.send(down);
    await page.waitForFunction((pk) => document.querySelector(`[data-testid="health-row"][data-pubkey="${pk}"]`)?.dataset.state === 'down', target.pubkey, { timeout: 10000 });
    assert.equal((await row.getByTestId('health-state').innerText()).trim(), 'Down');
    assert.equal(await row.getByTestId('state-dot').first().getAttribute('data-state'), 'down');
    // The row moved where the page's order puts a down DVM.
    assert.deepEqual(await order(), applyChange(sortHealthRows(rows), down).map((r) => `${r.pubkey} ${r.state}`));
    stream.send({ pubkey: target.pubkey, at: t + 1, state: 'up', previous: 'down', cause: 'e2e: heartbeat again' });
    await page.waitForFunction((pk) => document.querySelector(`[data-testid="health-row"][data-pubkey="${pk}"]`)?.dataset.state === 'up', target.pubkey, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__marker), 'no reload');
    await shot(page, 'health-live');
    // The DVM list shows a state dot beside each DVM link.
    await page.goto(base + '/dvms');
    await page.getByTestId('dvm-table').waitFor();
    await page.getByTestId('state-dot').first().waitFor({ timeout: 15000 });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a DVM page shows its health from the API and reloads it on the DVM\'s health event; an admin\'s maintenance window shows', async () => {
  const rows = (await api('/api/health')).dvms;
  // A DVM with a page (heartbeat-only DVMs have none), up if one is.
  const listed = new Set((await api('/api/dvms?range=all&limit=1000')).dvms.map((d) => d.pubkey));
  const target = rows.find((r) => r.state === 'up' && listed.has(r.pubkey)) ?? rows.find((r) => listed.has(r.pubkey));
  assert.ok(target, 'a DVM with health evidence and a page');
  const healthPath = `/api/dvms/${target.pubkey}/health`;
  const { page, errors, close } = await openPage();
  let windowId = null;
  try {
    const stream = healthStream(page);
    await stream.install();
    const seen = recordApi(page, healthPath);
    await page.goto(`${base}/dvms/${target.pubkey}`);
    const panel = page.getByTestId('dvm-health-state');
    await panel.waitFor({ timeout: 15000 });
    const h = await answerOf(seen);
    assert.equal(await panel.getAttribute('data-state'), h.state);
    assert.equal((await page.getByTestId('uptime-24h').innerText()).trim(), `24 h ${formatUptime(h.uptime?.['24h'])}`);
    assert.equal((await page.getByTestId('uptime-7d').innerText()).trim(), `7 d ${formatUptime(h.uptime?.['7d'])}`);
    // A health event of another DVM leaves the panel alone; one of this DVM reloads it.
    const other = rows.find((r) => r.pubkey !== target.pubkey);
    const t = Math.floor(Date.now() / 1000);
    const loads = seen.count;
    if (other) stream.send({ pubkey: other.pubkey, at: t, state: 'down', previous: other.state, cause: 'e2e' });
    await page.waitForTimeout(1500);
    assert.equal(seen.count, loads, 'no reload for another DVM');
    if (!ADMIN_TOKEN) {
      stream.send({ pubkey: target.pubkey, at: t, state: h.state, previous: h.state, cause: 'e2e' });
      await eventually(async () => assert.ok(seen.count > loads, 'reloaded on its own health event'), LIVE_RETRY);
    } else {
      // A maintenance window set through the admin API shows with the next reload (here: the DVM's next health event).
      const admin = (method, p, body) =>
        fetch(base + p, { method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
      const res = await admin('POST', '/api/admin/maintenance', { pubkey: target.pubkey, start: t - 600, end: t + 3600, note: 'GPU swap' });
      assert.equal(res.status, 200, `maintenance → ${res.status}`);
      windowId = (await res.json()).id;
      stream.send({ pubkey: target.pubkey, at: t, state: h.state, previous: h.state, cause: 'e2e' });
      await page.getByTestId('dvm-maintenance-active').waitFor({ timeout: 10000 });
      assert.ok(seen.count > loads, 'reloaded on its own health event');
      assert.ok((await answerOf(seen)).maintenance.some((w) => w.active && w.note === 'GPU swap'), 'the API lists the window');
      assert.match(await page.getByTestId('dvm-maintenance-active').innerText(), /Under maintenance until .*: GPU swap/);
      await shot(page, 'dvm-health');
      assert.equal((await admin('DELETE', `/api/admin/maintenance?id=${windowId}`)).status, 200);
      windowId = null;
    }
    assert.deepEqual(errors, []);
  } finally {
    await close();
    if (windowId !== null) await fetch(`${base}/api/admin/maintenance?id=${windowId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  }
});

test('the response-time chart plots the p50 and p95 of each bucket the API gives', async () => {
  const { page, errors, close } = await openPage();
  try {
    const seen = recordApi(page, '/api/stats/timeseries?range=7d');
    await page.goto(base + '/?range=7d');
    const chart = page.getByTestId('chart-response');
    await chart.waitFor();
    assert.deepEqual((await chart.locator('.u-legend .u-series .u-label').allInnerTexts()).slice(1), ['p50', 'p95']);
    const over = chart.locator('.u-over');
    await chart.scrollIntoViewIfNeeded();
    await eventually(async () => {
      const pts = (await answerOf(seen)).points;
      // The newest bucket with a response time, and an older one: the legend shows the bucket under the cursor.
      const timed = pts.map((p, i) => [p, i]).filter(([p]) => typeof p.p50_response_seconds === 'number');
      assert.ok(timed.length >= 2, 'the server has response times in two buckets');
      for (const [p] of [timed.at(-1), timed[0]]) {
        const box = await over.boundingBox();
        const x = box.x + (box.width * (p.t - pts[0].t)) / (pts.at(-1).t - pts[0].t);
        await page.mouse.move(Math.min(box.x + box.width - 1, Math.max(box.x + 1, x)), box.y + box.height / 2);
        const values = await chart.locator('.u-legend .u-series .u-value').allInnerTexts();
        assert.deepEqual(values.slice(1), [formatDuration(p.p50_response_seconds), formatDuration(p.p95_response_seconds)], `bucket ${p.t}`);
      }
    });
    await shot(page, 'overview-response-time');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('changing the time range changes the URL and the numbers', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/');
    await page.getByTestId('stat-job_requests').waitFor();
    const day = await eventually(() => expectOverviewMatches(page, '24h'), LIVE_RETRY);
    const weekSeen = recordApi(page, '/api/stats/global?range=7d');
    await page.getByTestId('range-7d').click();
    await page.waitForURL(/[?&]range=7d/);
    assert.match(page.url(), /\?range=7d$/);
    const week = await eventually(() => expectOverviewMatches(page, '7d', weekSeen), LIVE_RETRY);
    assert.notEqual(week.job_requests, day.job_requests, 'the 7d figures differ from the 24h ones');
    assert.equal(await text(page, 'range-label'), 'Last 7 days');
    // Navigating keeps the range; going back restores the 24h view.
    await page.getByRole('link', { name: 'DVMs', exact: true }).click();
    await page.waitForURL(/\/dvms\?range=7d$/);
    await page.goBack();
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('range'));
    await eventually(() => expectOverviewMatches(page, '24h'), LIVE_RETRY);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the theme toggle switches and is remembered', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/relays');
    await page.getByTestId('relay-table').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    await page.getByTestId('theme-toggle').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.reload();
    await page.getByTestId('relay-table').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.goto(base + '/');
    await page.getByTestId('chart-jobs').waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'overview-dark');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the Overview works on a phone-sized screen', async () => {
  const { page, errors, close } = await openPage({ width: 390, height: 844 });
  try {
    await page.goto(base + '/');
    await page.getByTestId('chart-jobs').waitFor();
    // The response-time plot fits the phone too, with its p50 and p95 series.
    const rt = page.getByTestId('chart-response');
    await rt.waitFor();
    assert.deepEqual((await rt.locator('.u-legend .u-series .u-label').allInnerTexts()).slice(1), ['p50', 'p95']);
    const rtBox = await rt.boundingBox();
    assert.ok(rtBox.x >= 0 && rtBox.x + rtBox.width <= 390, 'the response-time plot fits the width');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no horizontal page scroll (overflow ${overflow}px)`);
    await shot(page, 'overview-phone');
    await page.goto(base + '/dvms');
    await page.getByTestId('dvm-table').waitFor();
    const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow2 <= 1, `DVM table scrolls inside its box (overflow ${overflow2}px)`);
    await shot(page, 'dvms-phone');
    for (const [url, testid] of [['/jobs', 'job-row'], ['/playground', 'pg-publish']]) {
      await page.goto(base + url);
      await page.getByTestId(testid).first().waitFor({ timeout: 15000 });
      const o = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(o <= 1, `${url}: no horizontal page scroll (overflow ${o}px)`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('phone: a Kind page shows sats zapped apart from sats paid, and its DVM rows p50, p95 and sats zapped, without sideways page scroll', async () => {
  const range = '30d';
  const kind = (await api(`/api/kinds?range=${range}`)).kinds[0].kind;
  const { page, errors, close } = await openPage({ width: 390, height: 844, touch: true });
  try {
    const seen = recordApi(page, `/api/kinds/${kind}?range=${range}`);
    await page.goto(`${base}/kinds/${kind}?range=${range}`);
    await page.getByTestId('kind-sats_zapped').waitFor();
    await eventually(async () => {
      const k = await answerOf(seen);
      assert.equal(await text(page, 'kind-sats_paid'), formatSats(k.sats_paid));
      assert.equal(await text(page, 'kind-sats_zapped'), formatSats(k.sats_zapped));
      assert.deepEqual(await page.getByTestId('kind-dvm-p95').allInnerTexts(), k.dvms.map((x) => formatDuration(x.p95_response_seconds)));
      assert.deepEqual(await page.getByTestId('kind-dvm-sats_zapped').allInnerTexts(), k.dvms.map((x) => formatSats(x.sats_zapped)));
    });
    assert.ok((await pageOverflow(page)) <= 1, 'no horizontal page scroll');
    await shot(page, 'kind-phone');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('an API failure shows a friendly error', async () => {
  const { page, close } = await openPage();
  try {
    await page.route('**/api/stats/global*', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }));
    // 7d: the live `stats` frames (24h) only trigger refetches there, which fail again.
    await page.goto(base + '/?range=7d');
    const err = page.getByTestId('error').first();
    await err.waitFor({ timeout: 10000 });
    assert.match(await err.innerText(), /Could not reach the API: 502/);
    // A pubkey the server never saw: its real 404 message is shown.
    await page.goto(base + '/dvms/' + 'ab'.repeat(32));
    await page.getByTestId('error').first().waitFor({ timeout: 10000 });
    assert.match(await page.getByTestId('error').first().innerText(), /Not found: no DVM with pubkey abab/);
  } finally {
    await close();
  }
});

test('a job opened from the recent-jobs list shows its graph, timeline and diagnosis', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/jobs');
    await page.getByTestId('job-row').first().waitFor({ timeout: 15000 });
    // Prefer a job some DVM answered: its graph has responses.
    const answered = page.locator('[data-testid="job-row"]:not([data-status="waiting"])').first();
    const row = (await answered.count()) ? answered : page.getByTestId('job-row').first();
    const id = await row.getAttribute('data-id');
    const seen = recordApi(page, `/api/jobs/${id}`);
    await row.getByTestId('job-link').click();
    await page.waitForURL(new RegExp(`/jobs/${id}$`));
    await page.getByTestId('job-graph').waitFor({ timeout: 15000 });
    await page.getByTestId('timeline-row').first().waitFor();
    await eventually(async () => {
      const d = await answerOf(seen);
      assert.equal(d.request.id, id);
      assert.equal(await page.getByTestId('graph-node').count(), new Set(d.nodes.map((n) => n.id)).size, 'one graph node per API node');
      assert.equal(await page.getByTestId('timeline-row').count(), d.timeline.length, 'one timeline row per event');
      // The headline the dashboard chose (green for a success), with the DVMs' display names.
      const names = await dvmNames();
      const diag = jobDiagnosis(d, { nameOf: (pk) => displayName(names.get(pk), pk) });
      assert.equal(await text(page, 'diagnosis-text'), diag.text);
      assert.equal(await page.getByTestId('diagnosis').getAttribute('data-tone'), diag.tone);
      if (d.request.status === 'success') assert.equal(diag.tone, 'ok');
    });
    await shot(page, 'job-view');
    // A node opens its event in the inspector.
    await page.locator(`[data-testid="graph-node"][data-id="${id}"]`).click();
    await page.waitForURL(new RegExp(`/events/${id}$`));
    await page.getByTestId('raw-event').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the recent-jobs filters live in the URL', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/jobs');
    await page.getByTestId('job-row').first().waitFor({ timeout: 15000 });
    await page.getByTestId('filter-status').selectOption('success');
    await page.waitForURL(/[?&]status=success/);
    await eventually(async () => {
      const statuses = await page.$$eval('[data-testid="job-row"]', (els) => els.map((e) => e.dataset.status));
      assert.ok(statuses.length > 0, 'some successful jobs');
      assert.deepEqual([...new Set(statuses)], ['success']);
    });
    await page.reload();
    await page.getByTestId('job-row').first().waitFor({ timeout: 15000 });
    assert.equal(await page.getByTestId('filter-status').inputValue(), 'success');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a playground job (kind 5300) shows its simulated DVM result on the playground page without reload, then on its job view', async () => {
  const { page, errors, close } = await openPage();
  try {
    await page.goto(base + '/playground');
    await page.getByTestId('pg-publish').waitFor();
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    await page.getByTestId('pg-kind').selectOption('5300');
    await page.getByTestId('pg-throwaway').check();
    await page.getByTestId('pg-publish').click();
    await page.waitForURL(/\/playground\?job=[0-9a-f]{64}$/, { timeout: 15000 });
    const id = page.url().match(/job=([0-9a-f]{64})/)[1];
    const panel = page.getByTestId('pg-job');
    assert.equal(await panel.getAttribute('data-id'), id);
    // The answer itself is shown on the playground (5300: a list of notes).
    await panel.getByTestId('result-content').first().waitFor({ timeout: 30000 });
    assert.equal(await panel.getByTestId('result-content').first().getAttribute('data-type'), 'tags');
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
    await eventually(async () => assert.equal(await text(page, 'pg-job-status'), 'success'));
    assert.match(await panel.getByTestId('diagnosis').innerText(), /success/);
    assert.equal(await page.getByTestId('pg-publish').isVisible(), true, 'the form stays for the next job');
    await shot(page, 'playground-job');
    // The job view has the graph and the timeline.
    await panel.getByTestId('pg-job-link').click();
    await page.waitForURL(new RegExp(`/jobs/${id}$`));
    await page.locator('[data-testid="timeline-row"][data-type="result"]').first().waitFor({ timeout: 15000 });
    assert.equal(await text(page, 'job-status'), 'success');
    // The request was signed in the browser: the inspector verifies it.
    await page.goto(`${base}/events/${id}`);
    await page.getByTestId('verify-sig').waitFor({ timeout: 15000 });
    assert.equal(await text(page, 'verify-id'), 'id valid');
    assert.equal(await text(page, 'verify-sig'), 'signature valid');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('phone: a playground job (kind 5050) never shows a red banner while waiting, then shows the answer text inline', async () => {
  const { page, errors, close } = await openPage({ width: 390, height: 844, touch: true });
  try {
    // Record every tone the diagnosis banner takes from the first paint on.
    await page.addInitScript(() => {
      window.__tones = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="diagnosis"]');
        if (el && window.__tones.at(-1) !== el.dataset.tone) window.__tones.push(el.dataset.tone);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-tone'] });
    });
    await page.goto(base + '/playground');
    await page.getByTestId('pg-publish').waitFor();
    await page.getByTestId('pg-kind').selectOption('5050');
    await page.getByTestId('pg-input').first().fill('Write a haiku about relays');
    await page.getByTestId('pg-throwaway').check();
    await page.getByTestId('pg-publish').click();
    await page.waitForURL(/\/playground\?job=[0-9a-f]{64}$/, { timeout: 15000 });
    const id = page.url().match(/job=([0-9a-f]{64})/)[1];
    const textEl = page.getByTestId('pg-job').getByTestId('result-text').first();
    await textEl.waitFor({ timeout: 30000 });
    assert.ok((await textEl.innerText()).trim().length > 0, 'the answer text is shown on the playground');
    await eventually(async () => assert.equal(await page.getByTestId('diagnosis').getAttribute('data-tone'), 'ok'));
    const tones = await page.evaluate(() => window.__tones);
    assert.ok(!tones.includes('bad'), `no red banner on the way (tones: ${tones.join(' → ')})`);
    const r = await textEl.boundingBox();
    assert.ok(r.x >= 0 && r.x + r.width <= 390, 'the answer fits the phone width');
    assert.ok((await pageOverflow(page)) <= 1, 'no horizontal page scroll');
    await shot(page, 'playground-job-phone');
    // On its job view, the kind has one name in the header and in the graph's request node.
    await page.getByTestId('pg-job-link').tap();
    await page.waitForURL(new RegExp(`/jobs/${id}$`));
    await page.locator(`[data-testid="graph-node"][data-id="${id}"]`).waitFor({ timeout: 15000 });
    const header = (await page.locator('.facts dl dd').first().locator('a').first().innerText()).replace(/\d+$/, '').trim();
    assert.match(await page.locator(`[data-testid="graph-node"][data-id="${id}"]`).textContent(), new RegExp(header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await page.getByTestId('diagnosis').getAttribute('data-tone'), 'ok');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the inspector verifies a real signed event and opens note/nevent ids', async () => {
  // Publish an event signed here, wait until DVMDash stored it, open it by its note1… id.
  const ev = signEvent({ kind: 5050, tags: [['i', 'Say hi to the e2e test', 'text'], ['param', 'model', 'test']], content: '' }, generateSecretKey());
  const res = await fetch(base + '/api/playground/publish', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ev) });
  assert.equal(res.status, 200, `publish → ${res.status} ${await res.text()}`);
  await eventually(async () => assert.equal((await fetch(`${base}/api/events/${ev.id}`)).status, 200), { tries: 40, delayMs: 250 });
  const { page, errors, close } = await openPage();
  try {
    await page.goto(`${base}/events/${noteEncode(ev.id)}`);
    await page.getByTestId('verify-sig').waitFor({ timeout: 15000 });
    assert.equal(await text(page, 'verify-id'), 'id valid');
    assert.equal(await text(page, 'verify-sig'), 'signature valid');
    assert.match(await text(page, 'event-summary'), /^kind 5050 request \(Text generation \(LLM\)\) by npub1.*“Say hi to the e2e test”/);
    // The header search box takes the same id.
    await page.getByTestId('search').fill(ev.id);
    await page.getByTestId('search').press('Enter');
    await page.waitForURL(new RegExp(`/events/${ev.id}$`));
    await shot(page, 'event-inspector');
    // Every stored event is genuine.
    const real = (await api('/api/events?limit=1')).events[0].event;
    await page.goto(`${base}/events/${real.id}`);
    await page.getByTestId('verify-sig').waitFor({ timeout: 15000 });
    assert.equal(await text(page, 'verify-sig'), 'signature valid');
    // A forged event is refused by the publish endpoint with a clear 400.
    const forged = { ...ev, content: 'altered' };
    const bad = await fetch(base + '/api/playground/publish', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(forged) });
    assert.equal(bad.status, 400);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the relay admin view refuses a wrong token, then adds, marks and removes a relay without reload', async (t) => {
  if (!ADMIN_TOKEN) return t.skip('BASE_URL without E2E_ADMIN_TOKEN: the admin token of that server is unknown');
  const extra = 'ws://127.0.0.1:9/e2e-admin';
  const before = (await api('/api/relays')).relays.length;
  const { page, close } = await openPage();
  const row = () => page.locator(`[data-testid="relay-row"][data-url="${extra}"]`);
  try {
    await page.goto(base + '/relays');
    await page.getByTestId('relay-table').waitFor({ timeout: 15000 });
    // The read-only table works without a token; no admin column.
    assert.equal(await page.getByTestId('relay-toggle').count(), 0);

    await page.getByTestId('admin-token').fill('not-the-token');
    await page.getByTestId('admin-unlock').click();
    await page.getByTestId('admin-error').waitFor();
    assert.match(await text(page, 'admin-error'), /Wrong or missing admin token.*401/);
    assert.equal(await page.evaluate(() => localStorage.getItem('dvmdash.adminToken')), null, 'a refused token is not kept');

    await page.getByTestId('admin-token').fill(ADMIN_TOKEN);
    await page.getByTestId('admin-unlock').click();
    await page.getByTestId('admin-url').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('dvmdash.adminToken')), ADMIN_TOKEN);

    // A bad URL: the server's 400 message is shown.
    await page.getByTestId('admin-url').fill('http://not-a-relay.example');
    await page.getByTestId('admin-add').click();
    await page.getByTestId('admin-error').waitFor();
    assert.match(await text(page, 'admin-error'), /ws:\/\/ or wss:\/\/.*400/);

    await page.getByTestId('admin-url').fill(extra);
    await page.getByTestId('admin-add').click();
    await row().waitFor({ timeout: 15000 });
    assert.match(await row().getByTestId('relay-state').innerText(), /Disconnected|Unknown/);
    assert.equal((await api('/api/relays')).relays.length, before + 1);

    await row().getByTestId('relay-toggle').click();
    await eventually(async () => assert.equal((await row().getByTestId('relay-activity').innerText()).trim(), 'High'), LIVE_RETRY);
    assert.equal((await api('/api/relays')).relays.find((r) => r.url === extra)?.activity, 'high');
    await shot(page, 'relays-admin');

    page.once('dialog', (d) => d.accept());
    await row().getByTestId('relay-remove').click();
    await eventually(async () => assert.equal(await row().count(), 0), LIVE_RETRY);
    assert.equal((await api('/api/relays')).relays.length, before);

    // The token survives a reload, and "Forget token" removes it.
    await page.reload();
    await page.getByTestId('admin-forget').click();
    await page.getByTestId('admin-token').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('dvmdash.adminToken')), null);
  } finally {
    await close();
  }
});

/** pubkey → name of every DVM the server knows (what the dashboard's directory holds). */
async function dvmNames() {
  const rows = (await api('/api/dvms?range=all&limit=1000')).dvms;
  return new Map(rows.map((r) => [r.pubkey, r.name]));
}

/** Two DVMs of the server under test, named ones first. */
async function twoDvms() {
  const rows = (await api('/api/dvms?range=all&limit=1000')).dvms;
  const named = rows.filter((r) => r.name).concat(rows.filter((r) => !r.name));
  assert.ok(named.length >= 2, 'the server knows two DVMs');
  return [named[0], named[1]];
}

const newId = () => randomBytes(32).toString('hex');

/** Serve `doc` as GET /api/jobs/{id} for this page. */
async function serveJob(page, id, doc) {
  await page.route(`**/api/jobs/${id}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(doc) }));
}

/** The color a CSS variable resolves to in the page, as getComputedStyle writes colors. */
function cssColor(page, variable) {
  return page.evaluate((v) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${v})`;
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  }, variable);
}

async function pageOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
];

for (const [label, viewport] of VIEWPORTS) {
  test(`${label}: a success job with an errored sibling DVM has a green headline and an amber finding naming that DVM`, async () => {
    const [good, bad] = await twoDvms();
    const id = newId();
    const doc = successWithErroredSibling({ id, good: good.pubkey, bad: bad.pubkey });
    const { page, errors, close } = await openPage(viewport);
    page.setDefaultTimeout(8000);
    try {
      await serveJob(page, id, doc);
      await page.goto(`${base}/jobs/${id}`);
      await page.getByTestId('diagnosis').waitFor({ timeout: 15000 });
      const goodName = displayName(good.name, good.pubkey);
      const badName = displayName(bad.name, bad.pubkey);
      await eventually(async () => assert.equal(await text(page, 'diagnosis-text'), `success: DVM ${goodName} answered in 5 s`));
      const banner = page.getByTestId('diagnosis');
      assert.equal(await banner.getAttribute('data-tone'), 'ok');
      assert.equal(await banner.evaluate((el) => getComputedStyle(el).borderTopColor), await cssColor(page, '--ok'), 'green banner');
      const finding = page.locator('[data-testid="finding"][data-code="error"]');
      assert.equal(await finding.getAttribute('data-tone'), 'warn');
      assert.equal((await finding.innerText()).trim(), `other DVM DVM ${badName} reported an error: ${doc.nodes[1].message}`);
      assert.equal(await finding.locator('.text').evaluate((el) => getComputedStyle(el).color), await cssColor(page, '--warn'), 'amber finding');
      assert.equal(await page.locator('.diagnosis.bad, .finding.bad').count(), 0, 'nothing red');
      // The same name in the timeline and the graph.
      const errRow = page.locator(`[data-testid="timeline-row"][data-id="${doc.nodes[1].id}"]`);
      assert.match(await errRow.innerText(), new RegExp(`${badName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*feedback from DVM ${badName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: error`, 's'));
      assert.match(await page.locator(`[data-testid="graph-node"][data-id="${bad.pubkey}"]`).textContent(), new RegExp(badName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').slice(0, 25)));
      assert.ok((await pageOverflow(page)) <= 1, 'no horizontal page scroll');
      await shot(page, `job-success-sibling-error-${label}`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test(`${label}: a job still waiting is not a red failure, and its kind has one name in the header and the graph`, async () => {
    const [dvm] = await twoDvms();
    const id = newId();
    const { page, errors, close } = await openPage(viewport);
    page.setDefaultTimeout(8000);
    try {
      await serveJob(page, id, waitingJob({ id, dvm: dvm.pubkey }));
      await page.goto(`${base}/jobs/${id}`);
      await page.getByTestId('diagnosis').waitFor({ timeout: 15000 });
      assert.equal(await page.getByTestId('diagnosis').getAttribute('data-tone'), 'info');
      assert.equal(await text(page, 'diagnosis-text'), `waiting: no DVM has answered yet (asked: ${displayName(dvm.name, dvm.pubkey)})`);
      assert.equal(await page.locator('.diagnosis.bad').count(), 0);
      assert.match(await page.locator('.facts h1 + dl dd').first().innerText(), /^Playground test kind/);
      assert.match(await page.locator(`[data-testid="graph-node"][data-id="${id}"]`).textContent(), /Playground test kind/);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test(`${label}: the job view shows each result's content safely (text, links, image and audio previews, encrypted marked)`, async () => {
    const [good, bad] = await twoDvms();
    const id = newId();
    const doc = successWithErroredSibling({ id, good: good.pubkey, bad: bad.pubkey });
    const { page, errors, close } = await openPage(viewport);
    page.setDefaultTimeout(8000);
    try {
      await serveJob(page, id, doc);
      const answers = resultEventsFor(doc, { base });
      await page.route(`**/api/events?ref=${id}*`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answers) }));
      await page.goto(`${base}/jobs/${id}`);
      await page.getByTestId('result').first().waitFor();
      assert.equal(await page.getByTestId('result').count(), 3, 'one entry per result');
      const first = page.locator(`[data-testid="result"][data-id="${doc.nodes[2].id}"]`);
      assert.match(await first.innerText(), new RegExp(displayName(good.name, good.pubkey).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(await first.getByTestId('result-text').innerText(), /^Here is your picture: http.*\(made for you\)\. <img src=x onerror="window.__xss=1"> javascript:window.__xss=2 <b>bold<\/b>$/);
      assert.equal(await first.getByTestId('result-link').getAttribute('href'), `${base}/favicon.svg`);
      const img = first.getByTestId('result-image');
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
      assert.equal(await page.locator('[data-testid="result-audio"]').getAttribute('src'), `${base}/e2e-voice.mp3`);
      assert.match(await page.getByTestId('result-encrypted').innerText(), /encrypted \(NIP-04\)/);
      // Untrusted content stays text: no element, no script, no javascript: link.
      assert.equal(await page.evaluate(() => window.__xss ?? null), null);
      assert.equal(await page.locator('[data-testid="results"] b, [data-testid="results"] img[src="x"], [data-testid="results"] a[href^="javascript"]').count(), 0);
      assert.ok((await pageOverflow(page)) <= 1, 'no horizontal page scroll');
      await page.getByTestId('results').scrollIntoViewIfNeeded();
      await shot(page, `job-results-${label}`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test(`${label}: long error texts wrap inside their cell; the graph is readable and usable by touch`, async () => {
    const [good, bad] = await twoDvms();
    const id = newId();
    const doc = successWithErroredSibling({ id, good: good.pubkey, bad: bad.pubkey });
    const phone = viewport.width < 500;
    const { page, errors, close } = await openPage({ ...viewport, touch: phone });
    page.setDefaultTimeout(8000);
    try {
      await serveJob(page, id, doc);
      await page.goto(`${base}/jobs/${id}`);
      const cell = page.locator(`[data-testid="timeline-row"][data-id="${doc.nodes[1].id}"] [data-testid="timeline-summary"]`);
      await cell.waitFor();
      const fit = await cell.evaluate((td) => ({ scroll: td.scrollWidth, client: td.clientWidth, height: td.getBoundingClientRect().height, right: td.getBoundingClientRect().right, next: td.nextElementSibling.getBoundingClientRect().left }));
      assert.ok(fit.scroll <= fit.client + 1, `the error text stays inside its cell (${fit.scroll} > ${fit.client})`);
      assert.ok(fit.height > 40, `the error text wraps (cell ${fit.height}px high)`);
      assert.ok(fit.right <= fit.next + 1, 'the next column starts after the text');

      // Graph labels: 11-12 px at full size on a phone.
      const labelPx = await page.locator('[data-testid="graph-node"] .t2').first().evaluate((el) => el.getBoundingClientRect().height);
      if (phone) assert.ok(labelPx >= 10, `graph labels readable on a phone (${labelPx}px)`);
      if (phone) {
        assert.match(await page.getByTestId('graph-hint').innerText(), /swipe to pan/);
        assert.ok((await page.getByTestId('graph-zoom-in').boundingBox()).height >= 44, 'zoom buttons are 44 px touch targets');
        const box = page.getByTestId('graph-box');
        const width0 = await page.getByTestId('job-graph').evaluate((svg) => svg.getBoundingClientRect().width);
        await page.getByTestId('graph-zoom-in').tap();
        const width1 = await page.getByTestId('job-graph').evaluate((svg) => svg.getBoundingClientRect().width);
        assert.ok(width1 > width0 * 1.1, 'tapping + zooms in');
        await page.getByTestId('graph-zoom-out').tap();
        // A one-finger swipe pans the graph box.
        await box.scrollIntoViewIfNeeded();
        const r = await box.boundingBox();
        const left0 = await box.evaluate((el) => el.scrollLeft);
        const cdp = await page.context().newCDPSession(page);
        const y = r.y + r.height / 2;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: r.x + r.width * 0.8, y }] });
        for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: r.x + r.width * (0.8 - 0.06 * i), y }] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await eventually(async () => assert.ok((await box.evaluate((el) => el.scrollLeft)) > left0 + 20, 'a swipe pans the graph'), { tries: 10, delayMs: 200 });
        // Two fingers moving apart zoom in, moving together zoom out.
        const svgWidth = () => page.getByTestId('job-graph').evaluate((svg) => svg.getBoundingClientRect().width);
        const pinch = async (from, to) => {
          const cx = r.x + r.width / 2;
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: cx - from, y, id: 1 }, { x: cx + from, y, id: 2 }] });
          for (let i = 1; i <= 8; i++) {
            const d = from + ((to - from) * i) / 8;
            await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: cx - d, y, id: 1 }, { x: cx + d, y, id: 2 }] });
          }
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        };
        const before = await svgWidth();
        await pinch(30, 90);
        await eventually(async () => assert.ok((await svgWidth()) > before * 1.5, 'pinching out zooms in'), { tries: 10, delayMs: 200 });
        const zoomed = await svgWidth();
        await pinch(90, 30);
        await eventually(async () => assert.ok((await svgWidth()) < zoomed * 0.5, 'pinching in zooms out'), { tries: 10, delayMs: 200 });
        await shot(page, 'job-graph-phone');
        assert.deepEqual(errors, []);
        // A tap on a node opens it.
        await page.locator(`[data-testid="graph-node"][data-id="${good.pubkey}"]`).tap();
        await page.waitForURL(new RegExp(`/dvms/${good.pubkey}$`));
      } else {
        assert.deepEqual(errors, []);
      }
    } finally {
      await close();
    }
  });

  test(`${label}: requesters appear by their profile name and picture in the Jobs list, the job header, graph and timeline`, async () => {
    const { page, errors, close } = await openPage(viewport);
    page.setDefaultTimeout(15000);
    try {
      // The server fetches the kind 0 of requesters it shows: a later load names them.
      const named = page.locator('[data-testid="job-user"][data-named="true"]');
      await page.goto(`${base}/jobs`);
      await page.getByTestId('job-row').first().waitFor();
      await eventually(async () => assert.ok((await named.count()) > 0, 'a requester with a profile is listed'), {
        tries: 20,
        delayMs: 1500,
        onRetry: () => page.reload().then(() => page.getByTestId('job-row').first().waitFor()),
      });
      const link = named.first();
      const pk = await link.getAttribute('title');
      const profile = (await api(`/api/jobs?user=${pk}&limit=1`)).profiles[pk];
      assert.ok(profile?.name, 'the API names that requester');
      assert.equal((await link.innerText()).trim(), profile.name);
      if (profile.picture) assert.equal(new URL(await link.locator('img').getAttribute('src'), base).pathname, new URL(profile.picture, base).pathname);
      const row = page.locator('[data-testid="job-row"]', { has: link }).first();
      const id = await row.getAttribute('data-id');
      await page.goto(`${base}/jobs/${id}`);
      await page.getByTestId('job-requester').waitFor();
      assert.equal((await page.getByTestId('job-requester').innerText()).trim(), profile.name, 'the job header');
      assert.match(await page.locator(`[data-testid="graph-node"][data-id="${pk}"]`).textContent(), new RegExp(profile.name), 'the graph');
      assert.match(await page.locator(`[data-testid="timeline-row"][data-id="${id}"]`).innerText(), new RegExp(profile.name), 'the timeline');
      assert.ok((await pageOverflow(page)) <= 1, 'no horizontal page scroll');
      await shot(page, `job-requester-name-${label}`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test(`${label}: the Jobs list shows status and outcome without sideways scrolling, and every nav entry is reachable`, async () => {
    const { page, errors, close } = await openPage(viewport);
    page.setDefaultTimeout(15000);
    try {
      await page.goto(`${base}/jobs`);
      await page.getByTestId('job-row').first().waitFor();
      const box = await page.locator('[data-testid="jobs-table"]').evaluate((t) => {
        const wrap = t.closest('.table-wrap');
        return { scroll: wrap.scrollWidth, client: wrap.clientWidth, right: wrap.getBoundingClientRect().right };
      });
      assert.ok(box.scroll <= box.client + 1, `no horizontal scroll inside the panel (${box.scroll} > ${box.client})`);
      const rows = page.getByTestId('job-row');
      const n = Math.min(await rows.count(), 8);
      for (let i = 0; i < n; i++) {
        const row = rows.nth(i);
        for (const tid of ['job-status-cell', 'job-outcome']) {
          const cell = row.getByTestId(tid);
          assert.ok(await cell.isVisible(), `${tid} visible`);
          const r = await cell.boundingBox();
          assert.ok(r.x >= 0 && r.x + r.width <= box.right + 1, `${tid} of row ${i} inside the panel`);
        }
        assert.match(await row.getByTestId('job-status-cell').innerText(), /^(waiting|processing|payment-required|error|success)$/);
        assert.match(await row.getByTestId('job-outcome').innerText(), /result|feedback|no answer/);
      }
      assert.ok((await pageOverflow(page)) <= 1, 'no horizontal page scroll');
      await shot(page, `jobs-${label}`);
      // Every nav entry is on screen, none hidden behind a sideways scroll.
      const nav = page.getByTestId('nav');
      assert.equal(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), true, 'the nav does not scroll');
      const links = nav.locator('a');
      assert.equal(await links.count(), 7);
      for (let i = 0; i < 7; i++) {
        const r = await links.nth(i).boundingBox();
        assert.ok(r && r.x >= 0 && r.x + r.width <= viewport.width && r.height >= 24, `nav entry ${i} on screen and tappable`);
      }
      await links.filter({ hasText: 'Relays' }).click();
      await page.waitForURL(/\/relays/);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
}
