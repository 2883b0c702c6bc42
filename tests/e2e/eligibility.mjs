// Browser tests for who can apply from where and the journey around a role
// (issue 31, items 5, 6 and 9), run the way the README tells a person to:
// `careers serve` with default flags from a temporary folder holding
// `roles/` (the bundled roles plus the roles of tests/fixtures/eligibility,
// written for these tests), Debian's Chromium through playwright-core.
//
// Checks the "Can apply from" filter without JavaScript, the eligibility key
// facts, the accessibility statement and the footer links with axe at 320 px,
// and writes the README's screenshots (the listing with dates and follow
// links, a role's eligibility facts) into SCREENSHOT_DIR; copy them into
// docs/screenshots/ when they change.
//
// Run: `node eligibility.mjs` from tests/e2e (after `npm ci` and `cargo build`).
// Environment: CAREERS_BIN, CHROMIUM_PATH, SCREENSHOT_DIR as for run.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, SCREENSHOT_DIR, launchBrowser, startCareers } from './harness.mjs';

const PHONE = { width: 320, height: 640 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let folder;
let careers;
let browser;
let ran = 0;
let failed = 0;

function check(name, fn) {
  test(name, { timeout: 60_000 }, async () => {
    ran += 1;
    try {
      await fn();
    } catch (err) {
      failed += 1;
      throw err;
    }
  });
}

process.on('exit', () => {
  console.log(`\ne2e: ${ran - failed} passed, ${failed} failed`);
  if (ran === 0) {
    console.error('e2e: no test ran; failing the run');
    process.exitCode = 1;
  }
  careers?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});
setTimeout(() => {
  console.error('e2e: run exceeded 300s; aborting');
  careers?.stop();
  process.exit(1);
}, 300_000).unref();

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'careers-eligibility-'));
  const roles = join(folder, 'roles');
  cpSync(join(REPO, 'roles'), roles, { recursive: true });
  const fixture = join(REPO, 'tests/fixtures/eligibility/roles');
  for (const file of readdirSync(fixture).filter((f) => f.endsWith('.md'))) {
    cpSync(join(fixture, file), join(roles, file));
  }
  // As the README says: from the folder holding roles/, default flags.
  careers = await startCareers('serve', undefined, { cwd: folder });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  careers?.stop();
});

async function openPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...options });
  return { context, page: await context.newPage() };
}

async function visit(page, path) {
  const res = await page.goto(careers.base + path, { waitUntil: 'load' });
  assert.ok(res, `no response for ${path}`);
  return res;
}

/** The key facts of a role page as { label: value }. */
async function keyFacts(page) {
  return page.$$eval('.facts dl > div', (rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()])),
  );
}

check('Can apply from: choosing a country in the form, without JavaScript, keeps the roles open to it', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  try {
    await visit(page, '/');
    await page.selectOption('#from', 'Ireland');
    await Promise.all([page.waitForNavigation(), page.click('.filters button[type="submit"]')]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), 'Ireland');
    const titles = await page.$$eval('.role-card h3 a', (as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(titles, ['Orchard Surveyor']);
    assert.match(await page.textContent('h1'), /open to candidates in Ireland/);
  } finally {
    await context.close();
  }
});

check('a role states who can apply from where in its key facts (screenshot for the README)', async () => {
  const { context, page } = await openPage({ viewport: { width: 1100, height: 900 } });
  try {
    await visit(page, '/roles/orchard-surveyor');
    const facts = await keyFacts(page);
    assert.equal(facts['Can apply from'], 'United Kingdom, Ireland');
    assert.equal(facts['Visa sponsorship'], 'Not available');
    assert.equal(facts['Relocation support'], 'Offered');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'role-eligibility.png') });
  } finally {
    await context.close();
  }
});

check('the listing shows when roles were posted and how to follow them (screenshot for the README)', async () => {
  const { context, page } = await openPage({ viewport: { width: 1100, height: 1150 } });
  try {
    await visit(page, '/?sort=newest');
    const posted = await page.$$eval('.role-card', (cards) =>
      cards
        .map((c) => [...c.querySelectorAll('dt')].find((dt) => dt.textContent === 'Posted'))
        .filter(Boolean)
        .map((dt) => dt.nextElementSibling.querySelector('time').getAttribute('datetime')),
    );
    assert.ok(posted.length >= 3, `cards carry posted dates: ${posted}`);
    assert.deepEqual([...posted].sort().reverse().slice(0, 3), posted.slice(0, 3), 'newest first');
    assert.equal(await page.textContent('#follow-heading'), 'Follow these roles');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'listing-dates.png') });
    await page.locator('.follow').screenshot({ path: join(SCREENSHOT_DIR, 'listing-follow.png') });
  } finally {
    await context.close();
  }
});

check('the accessibility statement and the footer links pass axe at 320px', async () => {
  const { context, page } = await openPage({ viewport: PHONE, bypassCSP: true });
  try {
    for (const path of ['/accessibility', '/roles/orchard-surveyor', '/?from=United+Kingdom']) {
      const res = await visit(page, path);
      assert.equal(res.status(), 200, path);
      assert.ok(await page.isVisible('footer a[href="/accessibility"]'), `${path}: the footer links the statement`);
      assert.match(await page.textContent('footer .privacy'), /sets no cookies/);
      const cookies = await context.cookies();
      assert.deepEqual(cookies, [], `${path} sets no cookie`);
      await page.addScriptTag({ content: AXE_SOURCE });
      const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
      assert.deepEqual(results.violations.map((v) => v.id), [], `axe on ${path} at 320px`);
    }
  } finally {
    await context.close();
  }
});
