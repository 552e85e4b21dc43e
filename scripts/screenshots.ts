/**
 * Takes screenshots of the built app in Chromium at desktop size and at 360 px wide, for a person
 * to look at: `npm run build && npx tsx scripts/screenshots.ts [query ...]`. Writes screenshots/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/chromium';

const port = 4180;
// Its own process group, so that stopping it also stops the vite process npx starts.
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const queries = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['', '?sel=priority-area:tensta'];

try {
  await new Promise((r) => setTimeout(r, 1500));
  mkdirSync('screenshots', { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  for (const [name, viewport] of [['desktop', { width: 1366, height: 850 }], ['phone', { width: 360, height: 740 }]] as const) {
    for (const [i, query] of queries.entries()) {
      const page = await browser.newPage({ viewport });
      // "example:walk?…" / "example:finding?…" first loads the example walk and opens it.
      const [, show, rest] = /^example:(walk|finding|list)(.*)$/.exec(query) ?? [null, null, query];
      await page.goto(`http://localhost:${port}/${rest}`);
      await page.waitForSelector('[data-testid="map"][data-idle="true"]', { timeout: 20_000 });
      if (show) {
        await page.getByRole('tab', { name: /Vandringar|Walks/ }).click();
        await page.getByRole('button', { name: /exempelvandring|example walk/ }).click();
        await page.locator('[data-walk-id]').first().waitFor();
        if (show !== 'list') await page.locator('[data-walk-id]').first().click();
        if (show === 'finding') await page.locator('.finding-item button').nth(1).click();
        await page.waitForTimeout(900);
        await page.waitForSelector('[data-testid="map"][data-idle="true"]', { timeout: 20_000 });
      }
      await page.waitForTimeout(300);
      const file = `screenshots/${name}-${i}.png`;
      await page.screenshot({ path: file, fullPage: name === 'phone' });
      if (name === 'phone') {
        // The top of a long phone page, at a size that can be read when opened.
        await page.screenshot({ path: file.replace('.png', '-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 360, height: 1300 } });
      }
      console.log(file, query || '(start)');
      await page.close();
    }
  }
  await browser.close();
} finally {
  process.kill(-server.pid!, 'SIGTERM');
}
