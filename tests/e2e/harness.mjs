// What every browser suite here shares: where the binary, the browser and the
// screenshots are, starting the careers binary on a free loopback port, and
// (for suites over the bundled roles) one server and one browser for the
// whole run, counted tests, and a watchdog so a wedged browser never hangs CI.
//
// Environment:
//   CAREERS_BIN      path to the careers binary (default <repo>/target/debug/careers)
//   CHROMIUM_PATH    browser executable (default /usr/bin/chromium)
//   SCREENSHOT_DIR   where screenshots go (default <repo>/target/screenshots)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '..', '..');
export const CAREERS_BIN = resolve(REPO, process.env.CAREERS_BIN || 'target/debug/careers');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(REPO, process.env.SCREENSHOT_DIR || 'target/screenshots');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts `careers <command> --roles <roles> --addr 127.0.0.1:<free port>` and
 * waits (30 s at most) for /healthz. Returns the base URL, the process and a
 * `stop()`; the last 8,000 characters of its output go into any error.
 *
 * With `{ cwd }` and no `roles`, runs the way the README tells a person to:
 * from a folder holding `roles/`, with no `--roles` (the default, relative).
 */
export async function startCareers(command, roles, { cwd = REPO } = {}) {
  if (!existsSync(CAREERS_BIN)) {
    throw new Error(`careers binary not found at ${CAREERS_BIN}: run \`cargo build\` first or set CAREERS_BIN`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const folder = roles ? ['--roles', roles] : [];
  const server = spawn(CAREERS_BIN, [command, ...folder, '--addr', `127.0.0.1:${port}`], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const stop = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`careers exited early (${server.exitCode ?? server.signalCode}):\n${log}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { base, server, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`careers did not answer /healthz within 30s:\n${log}`);
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * A suite over the bundled roles: `careers serve` and Chromium start in the
 * root before() hook (so a run that registers no test starts nothing), every
 * test is counted, and the run fails when a test fails, when none ran, or
 * when it outlasts `runTimeoutMs`. `contextOptions` are every page's defaults
 * (`bypassCSP` for a suite that injects scripts).
 */
export function suite({ runTimeoutMs, testTimeoutMs = 60_000, contextOptions = {} }) {
  let registered = 0;
  let started = 0;
  let passed = 0;
  let failed = 0;
  let careers = null;
  let browser = null;
  const stopServer = () => careers?.stop();

  /** Registers a node:test test whose outcome also feeds the closing summary line. */
  function check(name, fn) {
    registered += 1;
    test(name, { timeout: testTimeoutMs }, async (t) => {
      started += 1;
      try {
        await fn(t);
        passed += 1;
      } catch (err) {
        failed += 1;
        throw err;
      }
    });
  }

  process.on('exit', (code) => {
    // Tests that never got to run (a failed before hook, the watchdog) count as failed.
    failed = Math.max(failed, registered - passed);
    console.log(`\ne2e: ${passed} passed, ${failed} failed`);
    if (started === 0) {
      console.error('e2e: no test ran; failing the run');
      process.exitCode = 1;
    } else if (failed > 0 && code === 0) {
      process.exitCode = 1;
    }
    stopServer();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopServer();
      process.exit(130);
    });
  }

  before(async () => {
    careers = await startCareers('serve', 'roles');
    console.log(`# careers serving on ${careers.base} (binary ${CAREERS_BIN})`);
    browser = await launchBrowser();
    console.log(`# chromium ${browser.version()} at ${CHROMIUM_PATH}`);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    stopServer();
  });

  setTimeout(() => {
    console.error(`e2e: run exceeded ${runTimeoutMs / 1000}s; aborting`);
    failed += 1;
    stopServer();
    process.exit(1);
  }, runTimeoutMs).unref();

  /** A fresh context and page; the caller closes the context. */
  async function openPage(options = {}) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
      ...contextOptions,
      ...options,
    });
    const page = await context.newPage();
    return { context, page };
  }

  async function visit(page, path) {
    const res = await page.goto(careers.base + path, { waitUntil: 'load' });
    assert.ok(res, `no response for ${path}`);
    return res;
  }

  const registeredCount = () => registered;
  return { check, openPage, visit, registered: registeredCount };
}
