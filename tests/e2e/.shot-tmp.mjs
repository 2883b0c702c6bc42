import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const [bin, ...jobs] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
let port = 3300;
for (const job of jobs) {
  const [roles, path, out, w, h, full] = job.split('|');
  port++;
  const srv = spawn(bin, ['serve', '--roles', roles, '--addr', '127.0.0.1:' + port], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) { try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) break; } catch {} await new Promise(r => setTimeout(r, 100)); }
  const page = await browser.newPage({ viewport: { width: +w, height: +h } });
  await page.goto(`http://127.0.0.1:${port}${path}`);
  await page.screenshot({ path: out, fullPage: full === 'full' });
  await page.close(); srv.kill();
}
await browser.close();
