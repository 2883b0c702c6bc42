// Browser tests for `careers preview`, run the way the README tells a person
// to: from a folder holding `roles/`, `careers preview` with no `--roles`
// (only a free port). An edit reaches an open page; ten open tabs all load
// and all follow one save; a broken save shows the overlay over the last
// good page, fixing it clears the overlay; the overlay names a warning and an
// unclosed quote at its own line, and a broken site.yaml on every page; a
// share link clicked on another site opens the draft, and a reload keeps it;
// the dashboard renders. Measures save-to-repaint over 20 edits (median and
// worst, printed) and saves screenshots of the overlay and the dashboard to
// <repo>/target/screenshots/. EXTRA_ROLES=<folder> copies a catalogue's role
// files in beside the bundled ones (for the figure at 10,000 roles, run only
// the first test: `node --test-name-pattern='save to repaint' preview.mjs`).
//
// Run: `node preview.mjs` from tests/e2e (after `npm ci` and `cargo build`).
// Same environment variables as run.mjs (CAREERS_BIN, CHROMIUM_PATH, SCREENSHOT_DIR;
// see harness.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CAREERS_BIN, REPO, SCREENSHOT_DIR, freePort, launchBrowser, startCareers } from './harness.mjs';

const ROLE = 'senior-reliability-engineer';
const EDITS = 20;

let careers;
let browser;
let base;
let folder;
let roles;
let original;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'careers-preview-'));
  roles = join(folder, 'roles');
  cpSync(resolve(REPO, 'roles'), roles, { recursive: true });
  // EXTRA_ROLES=folder adds a catalogue's files beside the bundled ones
  // (the save-to-repaint figure at 10,000 roles).
  if (process.env.EXTRA_ROLES) cpSync(process.env.EXTRA_ROLES, roles, { recursive: true });
  original = readFileSync(join(roles, `${ROLE}.md`), 'utf8');
  careers = await startCareers('preview', null, { cwd: folder });
  base = careers.base;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  careers?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
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
  // The overlay may already be up with this page's warnings: wait for the error.
  const errorShown = (file) => {
    const overlay = document.querySelector('#preview-overlay');
    return overlay !== null && overlay.textContent.includes(`${file}.md:2:`);
  };
  await page.waitForFunction(errorShown, ROLE, { timeout: 10_000 });
  const text = await page.textContent('#preview-overlay');
  assert.match(text, new RegExp(`${ROLE}\\.md:2:`), 'names the file and line');
  assert.match(text, /last good version/);
  assert.equal(await page.textContent('h1#top'), 'Senior Reliability Engineer', 'the last good page stays');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'preview-overlay.png') });
  writeFileSync(join(roles, `${ROLE}.md`), original);
  // Fixed: the error goes (warnings the file still has may stay listed).
  await page.waitForFunction((file) => !document.querySelector('#preview-overlay')?.textContent.includes(`${file}.md:2:`), ROLE, { timeout: 10_000 });
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

test('ten open tabs all load and all follow one save', async () => {
  // One browser profile: its tabs share the six connections a host gets.
  const context = await browser.newContext();
  writeFileSync(join(roles, `${ROLE}.md`), original);
  await waitForTitle(`${base}/roles/${ROLE}`, '>Senior Reliability Engineer</h1>');
  const tabs = [];
  for (let n = 0; n < 10; n++) {
    const tab = await context.newPage();
    await tab.goto(`${base}/roles/${ROLE}`, { timeout: 10_000 });
    await tab.waitForSelector('h1#top', { timeout: 10_000 });
    tabs.push(tab);
  }
  for (const tab of tabs) await liveReloadConnected(tab);
  // Every tab's own fetch still goes through while the others stay open.
  const status = await tabs[9].evaluate(async () => (await fetch('/_preview/status.json')).status);
  assert.equal(status, 200, 'the tenth tab still reaches the server');
  const title = 'Senior Reliability Engineer, seen in ten tabs';
  writeFileSync(join(roles, `${ROLE}.md`), withTitle(original, title));
  await Promise.all(
    tabs.map((tab) =>
      tab.waitForFunction((t) => document.querySelector('h1#top')?.textContent === t, title, { timeout: 15_000 }),
    ),
  );
  writeFileSync(join(roles, `${ROLE}.md`), original);
  await context.close();
});

test('the overlay names a warning on its own page and an unclosed quote at its line', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const file = join(roles, 'night-porter.md');
  writeFileSync(
    file,
    '---\nlocation: Leeds\nsalary:\n  - min: abc\n    max: 30000\n    currency: GBP\n---\n# Night Porter\n\nKeep the doors.\n',
  );
  await waitForTitle(`${base}/roles/night-porter`, '>Night Porter</h1>');
  await page.goto(`${base}/roles/night-porter`);
  await liveReloadConnected(page);
  const warned = await page.waitForSelector('#preview-overlay', { timeout: 10_000 });
  const warning = await warned.textContent();
  assert.match(warning, /night-porter\.md:4:1/, 'the warning, at the line of the unreadable min');
  assert.match(warning, /`min` cannot be read/);
  assert.match(warning, /front-matter-value/);
  // Line 4 opens a quote that never closes; serde_yaml blames the end.
  writeFileSync(
    file,
    '---\nlocation: Leeds\nteam: Doors\ntitle: "Night Porter\nlevel: Senior\ngrade: G2\nnotes: more\n---\n# Night Porter\n\nKeep the doors.\n',
  );
  await page.waitForFunction(
    () => /night-porter\.md:4:8/.test(document.getElementById('preview-overlay')?.textContent || ''),
    null,
    { timeout: 10_000 },
  );
  const text = await page.textContent('#preview-overlay');
  assert.match(text, /quote is never closed/);
  unlinkSync(file);
  await page.close();
});

test('a broken site.yaml shows on every page', async () => {
  const page = await browser.newPage();
  const settings = join(roles, 'site.yaml');
  const good = readFileSync(settings, 'utf8');
  await page.goto(`${base}/`);
  await liveReloadConnected(page);
  writeFileSync(settings, `${good}\ntime_zone: Mars/Olympus\n`);
  const overlay = await page.waitForSelector('#preview-overlay', { timeout: 10_000 });
  assert.match(await overlay.textContent(), /site\.yaml/);
  const other = await browser.newPage();
  await other.goto(`${base}/roles/${ROLE}`);
  await other.waitForSelector('#preview-overlay', { timeout: 10_000 });
  assert.match(await other.textContent('#preview-overlay'), /site\.yaml/);
  writeFileSync(settings, good);
  await page.waitForSelector('#preview-overlay', { state: 'detached', timeout: 10_000 });
  await other.close();
  await page.close();
});

/// `careers preview --share` from a folder holding `roles/`; resolves with
/// the link it prints and a `stop()`.
async function startShared(dir) {
  const port = await freePort();
  const child = spawn(CAREERS_BIN, ['preview', '--share', '--addr', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const link = await new Promise((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`no share link printed:\n${log}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      log += chunk.toString();
      const m = log.match(/http:\/\/\S+\?token=[0-9a-f]+/);
      if (m) {
        clearTimeout(timer);
        found(m[0]);
      }
    });
    child.on('exit', (code) => fail(new Error(`careers exited (${code}):\n${log}`)));
  });
  return { link, stop: () => child.kill('SIGTERM') };
}

test('a share link clicked on another site opens the draft, and a reload keeps it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'careers-share-'));
  mkdirSync(join(dir, 'roles'));
  writeFileSync(join(dir, 'roles', 'draft-cartographer.md'), '---\nstatus: draft\n---\n# Draft Cartographer\n\nMap the estate.\n');
  const shared = await startShared(dir);
  const target = shared.link.replace('/?token=', '/roles/draft-cartographer?token=');
  // Another site: `localhost` is not `127.0.0.1`, as webmail is not the preview.
  const elsewhere = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>Mail</title><a id="go" href="${target}">the preview</a>`);
  });
  const port = await freePort();
  await new Promise((r) => elsewhere.listen(port, r));
  const page = await browser.newPage();
  try {
    await page.goto(`http://localhost:${port}/`);
    await Promise.all([page.waitForURL(/draft-cartographer$/, { timeout: 10_000 }), page.click('#go')]);
    assert.equal(await page.textContent('h1'), 'Draft Cartographer', 'the draft, not a 401');
    assert.ok(!page.url().includes('token='), 'the token left the address bar');
    const again = await page.reload();
    assert.equal(again.status(), 200, 'a reload is still let in');
    assert.equal(await page.textContent('h1'), 'Draft Cartographer');
  } finally {
    await page.close();
    elsewhere.close();
    shared.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
