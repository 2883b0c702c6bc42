// Browser tests for what candidates do (issue #20): results first on a phone,
// the filter count announced, a deep link to one expectation, copying a
// section link (allowed and refused), and printing a role page.
//
// Same start-up as run.mjs (harness.mjs): the careers binary on a free
// loopback port over the bundled roles, Debian's Chromium through playwright-core. Printing needs
// `pdftotext` (poppler-utils). Screenshots of the phone listing and the error
// state go to <repo>/target/screenshots/.
//
// Run: `node candidates.mjs` from tests/e2e (after `npm ci` and `cargo build`).
// Environment: CAREERS_BIN, CHROMIUM_PATH, SCREENSHOT_DIR as for run.mjs.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREENSHOT_DIR, suite } from './harness.mjs';

const ROLE = '/roles/senior-reliability-engineer';
// A bundled role whose expectations have descriptions (collapsed <details>).
const ROLE_WITH_DETAILS = '/roles/lead-platform-engineer';
const PHONE = { width: 320, height: 640 };
const COMPARE = '/compare/senior-reliability-engineer...lead-reliability-engineer';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The site's own CSP applies: the enhancements must work under it.
const { check, openPage, visit } = suite({ runTimeoutMs: 10 * 60_000 });

// ---------------------------------------------------------------- tests

/** The first expectation with a description on the role page: its id and text. */
async function firstExpectation(page) {
  return page.evaluate(() => {
    const li = document.querySelector('.expectations li[id]:has(details)');
    if (!li) return null;
    return { id: li.id, body: li.querySelector('details .prose').textContent.trim() };
  });
}

check('results first: at 320x640 the first role card starts on the first screen', async () => {
  const { context, page } = await openPage({ viewport: PHONE });
  try {
    await visit(page, '/');
    const m = await page.evaluate(() => ({
      cardTop: Math.round(document.querySelector('.role-card').getBoundingClientRect().top + window.scrollY),
      searchTop: Math.round(document.querySelector('#q').getBoundingClientRect().top + window.scrollY),
      teamShown: document.querySelector('#team').checkVisibility(),
      summary: document.querySelector('.more-filters > summary')?.textContent,
    }));
    console.log(`# first card top at 320x640: ${m.cardTop}px (search box at ${m.searchTop}px)`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'candidates-listing-320.png'), fullPage: false });
    assert.ok(m.cardTop < PHONE.height, `first card starts ${m.cardTop}px down, below the first screen`);
    assert.ok(!m.teamShown, 'the other filters wait behind the disclosure');
    assert.equal(m.summary, 'Filters');
    await visit(page, '/?team=Design&level=Senior');
    assert.equal(await page.textContent('.more-filters > summary'), 'Filters (2 set)');
  } finally {
    await context.close();
  }
});

check('wide screens keep every filter open', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/');
    const shown = await page.evaluate(() =>
      ['#team', '#level', '#location', '#min_salary'].map((s) => document.querySelector(s).checkVisibility()),
    );
    assert.deepEqual(shown, [true, true, true, true]);
    assert.ok(!(await page.isVisible('.more-filters > summary')), 'no disclosure on a wide screen');
  } finally {
    await context.close();
  }
});

check('a changed filter shows its results and puts the new count in a live region', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/');
    const before = await page.textContent('#count');
    assert.equal(await page.getAttribute('#count', 'aria-live'), 'polite');
    const team = await page.evaluate(() => document.querySelector('#team option:not([value=""])').value);
    await page.selectOption('#team', team);
    await page.waitForFunction((text) => document.querySelector('#count').textContent !== text, before);
    const after = await page.textContent('#count');
    assert.match(after, /^\d+ roles? match/);
    assert.ok(page.url().endsWith(`/?team=${encodeURIComponent(team).replace(/%20/g, '+')}`), `address follows: ${page.url()}`);
    const cards = await page.$$eval('#results .role-card', (c) => c.length);
    assert.equal(String(cards), after.split(' ')[0], 'the results match the count');
  } finally {
    await context.close();
  }
});

check('words typed into the search box show their results after a pause, with the count read out', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/');
    const before = await page.textContent('#count');
    await page.fill('#q', 'reliability');
    await page.waitForFunction((text) => document.querySelector('#count').textContent !== text, before);
    const after = await page.textContent('#count');
    assert.match(after, /^\d+ roles? match/);
    assert.ok(page.url().endsWith('/?q=reliability'), `address follows: ${page.url()}`);
    const titles = await page.$$eval('#results .role-card h3', (h) => h.map((e) => e.textContent));
    assert.equal(String(titles.length), after.split(' ')[0], 'the results match the count');
    assert.match(titles[0] ?? '', /reliability/i, `ranked by title first: ${titles}`);
  } finally {
    await context.close();
  }
});

check('an unreadable minimum salary left by the candidate shows the error summary', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/');
    await page.fill('#min_salary', 'eighty thousand');
    await Promise.all([page.waitForURL(/min_salary=eighty/), page.press('#min_salary', 'Tab')]);
    await page.waitForSelector('.error-summary');
    assert.match(await page.title(), /^Error: /);
    assert.equal(await page.getAttribute('#min_salary', 'aria-invalid'), 'true');
  } finally {
    await context.close();
  }
});

check('a minimum salary fixed after the error leaves no stale error behind', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/?min_salary=eighty');
    await page.waitForSelector('.error-summary');
    await page.fill('#min_salary', '45000');
    await Promise.all([page.waitForURL(/min_salary=45000/), page.press('#min_salary', 'Tab')]);
    await page.waitForFunction(() => !document.querySelector('.error-summary'));
    assert.ok(!(await page.title()).startsWith('Error: '), await page.title());
    assert.equal(await page.getAttribute('#min_salary', 'aria-invalid'), null);
    assert.equal(await page.$('#min-error'), null, 'no message by the field');
  } finally {
    await context.close();
  }
});

check('a link to one expectation opens it, on load and on hashchange', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, ROLE_WITH_DETAILS);
    const ids = await page.$$eval('.expectations li[id]:has(details)', (l) => l.map((li) => li.id));
    assert.ok(ids.length >= 2, 'the role has expectations with descriptions');
    await page.goto('about:blank');
    await visit(page, `${ROLE_WITH_DETAILS}#${ids[0]}`);
    assert.ok(await page.$eval(`[id="${ids[0]}"] details`, (d) => d.open), 'opened on load');
    await page.evaluate((id) => { location.hash = id; }, ids[1]);
    await page.waitForFunction((id) => document.getElementById(id).querySelector('details').open, ids[1]);
  } finally {
    await context.close();
  }
});

check('copy link: one icon per heading, confirmed in a live region', async () => {
  const { context, page } = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await visit(page, ROLE);
    const button = page.locator('.copy-link').first();
    const label = await button.getAttribute('aria-label');
    assert.match(label, /^Copy link to section ‘.+’$/);
    const headingId = await button.evaluate((b) => b.parentElement.querySelector('h2, h3').id);
    await button.focus();
    assert.equal(await button.evaluate((b) => getComputedStyle(b).opacity), '1', 'shown on focus');
    await button.click();
    await page.waitForFunction(() => /copied/.test(document.getElementById('live-status')?.textContent || ''));
    assert.equal(await page.getAttribute('#live-status', 'role'), 'status');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.endsWith(`${ROLE}#${headingId}`), `copied ${copied}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

check('copy link: a refused clipboard is announced, with no uncaught error', async () => {
  const { context, page } = await openPage();
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) },
    });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await visit(page, ROLE);
    await page.locator('.copy-link').first().click();
    await page.waitForFunction(() => /Could not copy/.test(document.getElementById('live-status')?.textContent || ''));
    assert.deepEqual(errors, [], 'no uncaught error');
  } finally {
    await context.close();
  }
});

async function printedText(page) {
  const dir = mkdtempSync(join(tmpdir(), 'careers-print-'));
  const pdf = join(dir, 'role.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
}

for (const javaScriptEnabled of [true, false]) {
  check(`print (${javaScriptEnabled ? 'with' : 'without'} JavaScript): every expectation's text, the apply address on its own line`, async () => {
    const { context, page } = await openPage({ javaScriptEnabled });
    try {
      await visit(page, ROLE_WITH_DETAILS);
      const expectation = await firstExpectation(page);
      assert.ok(expectation, 'the role has an expectation with a description');
      assert.ok(!(await page.$eval(`[id="${expectation.id}"] details`, (d) => d.open)), 'collapsed on screen');
      const address = (await page.textContent('.apply-address')).trim();
      const text = await printedText(page);
      const flat = (s) => s.replace(/\s+/g, ' ').trim();
      const words = flat(expectation.body).split(' ').slice(0, 8).join(' ');
      assert.ok(flat(text).includes(words), `the PDF has the collapsed expectation's text: "${words}"`);
      const lines = text.split('\n').map((l) => l.trim());
      assert.ok(lines.includes(address), `the apply address ${address} is a line of its own`);
      assert.ok(!lines.some((l) => l.startsWith('Apply for this role') && l.length > 'Apply for this role'.length + 2), 'not glued to the link');
    } finally {
      await context.close();
    }
  });
}

check('screenshot: the error state of an unreadable minimum salary at 320px', async () => {
  const { context, page } = await openPage({ viewport: PHONE });
  try {
    const res = await visit(page, '/?min_salary=eighty+thousand');
    assert.equal(res.status(), 200);
    assert.match(await page.title(), /^Error: /);
    assert.ok(await page.isVisible('#min_salary'), 'the field with the error is shown');
    await page.click('.error-summary a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'min_salary', 'the summary link reaches the field');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'candidates-error-320.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

check('phone comparison: the key facts scroll in a focusable labelled region, axe finds nothing at 320px', async () => {
  // axe is injected, which the site's CSP forbids: this context bypasses it.
  const { context, page } = await openPage({ viewport: PHONE, bypassCSP: true });
  try {
    await visit(page, COMPARE);
    const region = await page.evaluate(() => {
      const r = document.querySelector('.table-scroll');
      return r && {
        role: r.getAttribute('role'),
        label: r.getAttribute('aria-label'),
        tabindex: r.getAttribute('tabindex'),
        scrolls: r.scrollWidth > r.clientWidth,
        hint: document.querySelector('.scroll-hint')?.checkVisibility(),
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
      };
    });
    assert.ok(region, 'the key facts sit in a .table-scroll region');
    assert.deepEqual([region.role, region.tabindex], ['region', '0']);
    assert.ok(region.label, 'the region has a label');
    assert.ok(region.scrolls, 'the table is wider than its region at 320px');
    assert.ok(region.hint, 'a visible hint says the table scrolls');
    assert.ok(!region.pageScrolls, 'the page itself does not scroll sideways');
    await page.focus('.table-scroll');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Scrolling may be smooth: wait for it rather than read it at once.
    await page.waitForFunction(() => document.querySelector('.table-scroll').scrollLeft > 0, null, { timeout: 5000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'candidates-compare-320.png'), fullPage: false });
    await page.addScriptTag({ content: AXE_SOURCE });
    for (const runOnly of [{ type: 'tag', values: AXE_TAGS }, { type: 'rule', values: ['scrollable-region-focusable'] }]) {
      const results = await page.evaluate((only) => window.axe.run(document, { runOnly: only, resultTypes: ['violations'] }), runOnly);
      assert.deepEqual(results.violations.map((v) => v.id), [], `axe (${runOnly.type}) at 320px`);
    }
  } finally {
    await context.close();
  }
});

check('the explanatory paragraph (.lede) shows at 320px, on the 404 page too', async () => {
  const { context, page } = await openPage({ viewport: PHONE });
  try {
    for (const path of ['/', COMPARE, '/no-such-page-e2e']) {
      await visit(page, path);
      assert.ok(await page.isVisible('.lede'), `.lede visible on ${path} at 320px`);
    }
  } finally {
    await context.close();
  }
});

check('follow links: the feed of the current filter is offered and answers', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/?level=Senior');
    assert.equal(await page.textContent('#follow-heading'), 'Follow these roles');
    const href = await page.getAttribute('.follow a[type="application/atom+xml"]', 'href');
    assert.equal(href, '/feed.xml?level=Senior');
    const json = await page.getAttribute('.follow a[type="application/feed+json"]', 'href');
    assert.equal(json, '/feed.json?level=Senior');
    const feed = await page.request.get(new URL(json, page.url()).href);
    assert.equal(feed.status(), 200);
    assert.equal((await feed.json()).version, 'https://jsonfeed.org/version/1.1');
  } finally {
    await context.close();
  }
});

check('a misspelt search offers the word the site knows, and following it finds roles', async () => {
  const { context, page } = await openPage();
  try {
    await visit(page, '/?q=engneer');
    assert.match(await page.textContent('.suggestion'), /Did you mean engineer\?/);
    await Promise.all([page.waitForNavigation(), page.click('.suggestion a')]);
    assert.equal(new URL(page.url()).search, '?q=engineer');
    assert.ok((await page.$$('.role-card')).length > 0, 'the suggested search finds roles');
  } finally {
    await context.close();
  }
});

check('sort: choosing "Newest first" in the form, without JavaScript, gives a shareable address', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  try {
    await visit(page, '/?q=engineer');
    await page.selectOption('#sort', 'newest');
    await Promise.all([page.waitForNavigation(), page.click('.filters button[type="submit"]')]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('sort'), 'newest');
    assert.equal(url.searchParams.get('q'), 'engineer');
    assert.equal(await page.$eval('#sort', (s) => s.value), 'newest');
    assert.equal(await page.textContent('.group h2'), 'Newest first');
  } finally {
    await context.close();
  }
});
