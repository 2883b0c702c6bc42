// Browser tests for `careers preview`: an edit reaches an open page, a broken
// save shows the overlay over the last good page, fixing it clears the
// overlay, and the dashboard renders. Measures save-to-repaint over 20 edits
// (median and worst, printed) and saves screenshots of the overlay and the
// dashboard to <repo>/target/screenshots/.
//
// Run: `node preview.mjs` from tests/e2e (after `npm ci` and `cargo build`).
// Same environment variables as run.mjs (CAREERS_BIN, CHROMIUM_PATH, SCREENSHOT_DIR;
// see harness.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO, SCREENSHOT_DIR, launchBrowser, startCareers } from './harness.mjs';

const ROLE = 'senior-reliability-engineer';
const EDITS = 20;

let careers;
let browser;
let base;
let roles;
let original;

before(async () => {
  roles = mkdtempSync(join(tmpdir(), 'careers-preview-'));
  cpSync(resolve(REPO, 'roles'), roles, { recursive: true });
  original = readFileSync(join(roles, `${ROLE}.md`), 'utf8');
  careers = await startCareers('preview', roles);
  base = careers.base;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  careers?.stop();
  if (roles) rmSync(roles, { recursive: true, force: true });
});

/// Until the page's event stream has said hello (it records the site's
/// generation), so a save cannot land before the page listens.
async function liveReloadConnected(page) {
  await page.waitForFunction(() => sessionStorage.getItem('careers-preview-generation') !== null, null, {
    timeout: 10_000,
  });
}

/// Until the rebuild after a save is served (polling, bounded).
async function waitForTitle(url, needle) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const body = await (await fetch(url)).text();
    if (body.includes(needle)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} never showed ${needle}`);
}

function withTitle(text, title) {
  return text.replace(/^# .*$/m, `# ${title}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

test('an edit reaches the open page: save to repaint over 20 edits', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/roles/${ROLE}`);
  await page.waitForSelector('h1#top');
  await liveReloadConnected(page);
  const times = [];
  for (let n = 1; n <= EDITS; n++) {
    const title = `Senior Reliability Engineer, edit ${n}`;
    const started = Date.now();
    writeFileSync(join(roles, `${ROLE}.md`), withTitle(original, title));
    await page.waitForFunction(
      (t) => document.querySelector('h1#top')?.textContent === t,
      title,
      { timeout: 10_000 },
    );
    times.push(Date.now() - started);
  }
  console.log(`save to repaint over ${EDITS} edits: median ${median(times)} ms, worst ${Math.max(...times)} ms (${times.join(', ')})`);
  assert.equal(times.length, EDITS);
  await page.close();
});

test('a broken save keeps the last good page under an overlay; fixing it clears it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  writeFileSync(join(roles, `${ROLE}.md`), original);
  await waitForTitle(`${base}/roles/${ROLE}`, '>Senior Reliability Engineer</h1>');
  await page.goto(`${base}/roles/${ROLE}`);
  await liveReloadConnected(page);
  writeFileSync(join(roles, `${ROLE}.md`), `---\nstatus: [open\n---\n${original}`);
  const overlay = await page.waitForSelector('#preview-overlay', { timeout: 10_000 });
  const text = await overlay.textContent();
  assert.match(text, new RegExp(`${ROLE}\\.md:2:`), 'names the file and line');
  assert.match(text, /last good version/);
  assert.equal(await page.textContent('h1#top'), 'Senior Reliability Engineer', 'the last good page stays');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'preview-overlay.png') });
  writeFileSync(join(roles, `${ROLE}.md`), original);
  await page.waitForSelector('#preview-overlay', { state: 'detached', timeout: 10_000 });
  await page.close();
});

test('the dashboard shows every role and how it was read', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/_preview`);
  assert.equal(await page.textContent('h1'), 'Preview dashboard');
  const roleCount = await page.locator('.dashboard-role').count();
  assert.ok(roleCount >= 6, `every bundled role listed (${roleCount})`);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'preview-dashboard.png'), fullPage: false });
  await page.close();
});
