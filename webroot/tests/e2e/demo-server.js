// The server under test for the browser tests: the real DVMDash jar in demo mode (simulated relay and DVMs,
// embedded stores in a temporary data directory) on a free loopback port, with an admin token the tests know.
// startDemoServer() resolves once /health answers and the simulated history has reached the rollups; its log
// goes to webroot/test-results/dvmdash.log. Build the jar first with `scripts/build jar` (repository root).
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webroot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const repo = path.resolve(webroot, '..');
const JAR = process.env.DVMDASH_JAR || path.join(repo, 'verticles', 'target', 'dvmdash.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function getJson(url) {
  try {
    const res = await fetch(url);
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

export async function startDemoServer({ minJobs = 100, timeoutMs = 180000 } = {}) {
  if (!fs.existsSync(JAR)) throw new Error(`${JAR} not found: build it with "scripts/build jar" (repository root), or set DVMDASH_JAR.`);
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error('java not found: install Debian\'s package with "apt-get install -y openjdk-17-jdk-headless".');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvmdash-e2e-'));
  const logDir = path.join(webroot, 'test-results');
  fs.mkdirSync(logDir, { recursive: true });
  const logPath = path.join(logDir, 'dvmdash.log');
  const log = fs.openSync(logPath, 'w');
  const port = await freePort();
  const adminToken = `e2e-admin-${randomBytes(8).toString('hex')}`;
  const child = spawn('java', ['-Xmx1g', '-jar', JAR, '--demo', '--demo-rate', '1'], {
    cwd: repo,
    stdio: ['ignore', log, log],
    env: { ...process.env, DVMDASH_ADMIN_TOKEN: adminToken, DVMDASH_DATA_DIR: dataDir, DVMDASH_HTTP_PORT: String(port), DVMDASH_HTTP_HOST: '127.0.0.1' },
  });
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? code));
  const base = `http://127.0.0.1:${port}`;

  async function close() {
    if (exited === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15000);
      await new Promise((r) => (exited === null ? child.once('exit', r) : r()));
      clearTimeout(t);
    }
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + timeoutMs;
  try {
    // Healthy, then enough simulated history in the rollups for pages to compare with the API.
    while (!(await answers(`${base}/health`))) {
      if (exited !== null) throw new Error(`DVMDash exited (${exited}); see ${logPath}`);
      if (Date.now() > deadline) throw new Error(`DVMDash did not become healthy; see ${logPath}`);
      await sleep(500);
    }
    while (((await getJson(`${base}/api/stats/global?range=all`))?.job_requests ?? 0) <= minJobs) {
      if (Date.now() > deadline) throw new Error(`the demo history did not reach ${minJobs} jobs; see ${logPath}`);
      await sleep(500);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { base, adminToken, logPath, close };
}
