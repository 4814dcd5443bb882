/**
 * The HTML report in a real headless browser (Debian's chromium through playwright-core): it loads
 * nothing from the network, shows every result, the evidence and the principals graph, and looks as
 * the reference screenshot does (compared pixel by pixel with a tolerance for font rendering).
 * Set UPDATE_BASELINE_SCREENSHOT=1 to rewrite the reference after a deliberate change.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineReport } from '../../src/baseline/index.js';
import { shutdownSolver } from '../../src/reason/index.js';
import { renderBaselineHtml } from '../../src/report/baseline.js';
import { ADMIN_ONLY_ESCALATION, audit, FIXTURES, seed } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const REFERENCE = join(FIXTURES, 'report-seed.png');

/** Share of pixels whose channels differ by more than `tolerance` (decoded and compared in the browser). */
async function pixelDifference(browser: Browser, a: Buffer, b: Buffer, tolerance = 48): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ a, b, tolerance }) => {
        const load = async (b64: string) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.width;
          c.height = img.height;
          const ctx = c.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, img.width, img.height);
        };
        const [x, y] = [await load(a), await load(b)];
        if (x.width !== y.width || x.height !== y.height) return 1;
        let differing = 0;
        for (let i = 0; i < x.data.length; i += 4) {
          const d = Math.max(
            Math.abs(x.data[i] - y.data[i]),
            Math.abs(x.data[i + 1] - y.data[i + 1]),
            Math.abs(x.data[i + 2] - y.data[i + 2]),
          );
          if (d > tolerance) differing++;
        }
        return differing / (x.width * x.height);
      },
      { a: a.toString('base64'), b: b.toString('base64'), tolerance },
    );
  } finally {
    await page.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in headless chromium', () => {
  let browser: Browser;
  let report: BaselineReport;
  let file: string;
  const requests: string[] = [];

  beforeAll(async () => {
    report = await audit(seed(), undefined, ADMIN_ONLY_ESCALATION);
    await shutdownSolver();
    file = join(mkdtempSync(join(tmpdir(), 'baseline-html-')), 'report.html');
    writeFileSync(file, renderBaselineHtml(report));
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    await page.goto(pathToFileURL(file).href);
    return page;
  };

  it('is self-contained: no request leaves the file', async () => {
    const page = await open();
    await page.waitForLoadState('load');
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows every result in the controls table, with the summary counts', async () => {
    const page = await open();
    expect(await page.locator('#controls tbody tr').count()).toBe(report.results.length);
    expect(await page.locator('#controls tbody tr.fail').count()).toBe(report.summary.FAIL);
    const summary = (await page.locator('#summary').textContent()) ?? '';
    expect(summary.replace(/\s+/g, '')).toBe(
      `PASS${report.summary.PASS}FAIL${report.summary.FAIL}UNKNOWN${report.summary.UNKNOWN}`,
    );
    await page.close();
  }, 60_000);

  it('opens the evidence of a result', async () => {
    const page = await open();
    const row = page.locator('#controls tbody tr', { hasText: 'CIS-PW-LENGTH' });
    await row.locator('summary').click();
    // The click opens the control's details: its first evidence line is shown.
    await expect.poll(() => row.locator('li').first().isVisible()).toBe(true);
    expect(await row.locator('li').first().textContent()).toContain(
      '.PasswordPolicy.MinimumPasswordLength = 12',
    );
    await page.close();
  }, 60_000);

  it('draws users, groups and roles, and the MFA-only assume edges the evaluator found', async () => {
    const page = await open();
    const labels = await page
      .locator('#graph svg .node text')
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(labels).toEqual(
      expect.arrayContaining(['group: littleAdmin', 'role: littleOperator', 'user: dave']),
    );
    expect(await page.locator('#graph svg > line.edge.mfa').count()).toBe(
      report.graph.edges.filter((e) => e.kind === 'assume-mfa').length,
    );
    expect(await page.locator('#graph svg > line.edge.nomfa').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('looks like the reference screenshot', async () => {
    const page = await open();
    const shot = await page.screenshot();
    await page.close();
    if (process.env.UPDATE_BASELINE_SCREENSHOT || !existsSync(REFERENCE)) {
      writeFileSync(REFERENCE, shot);
      if (!process.env.UPDATE_BASELINE_SCREENSHOT)
        throw new Error(`no reference screenshot: wrote ${REFERENCE}; check it and commit it`);
    }
    const diff = await pixelDifference(browser, shot, readFileSync(REFERENCE));
    expect(diff).toBeLessThan(0.01);
  }, 60_000);

  it('the comparison notices a changed report', async () => {
    const page = await open();
    await page.evaluate(() => {
      document.querySelector('#summary')!.innerHTML =
        '<span class="badge fail" style="font-size:60px">CHANGED</span>';
    });
    const shot = await page.screenshot();
    await page.close();
    expect(await pixelDifference(browser, shot, readFileSync(REFERENCE))).toBeGreaterThan(0.01);
  }, 60_000);
});
