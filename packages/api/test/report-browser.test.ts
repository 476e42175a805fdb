import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_EMAIL } from './financing-fixtures';
import { type Browser, launchChromium } from './support/chromium';
import { startTestServer, type TestServer } from './support/server';

/**
 * The funnel report pages in Chromium on the demo data: rendered on a desk screen and a phone
 * (no sideways overflow, charts drawn), then printed to A4 and checked page by page: every page of
 * the PDF is A4 and its content stream draws text. Set REPORT_SCREENSHOT_DIR=/some/dir to keep the
 * screenshots and PDFs (pdftoppm -png can then render the PDF pages for a look).
 */

let api: TestServer;
let browser: Browser | undefined;
let token: string;
let forumId: string;
let sentraKey: string;
const SCREENSHOTS = process.env.REPORT_SCREENSHOT_DIR;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  token = (await api.as(STAFF_EMAIL)).authorization!.replace(/^Bearer /, '');
  forumId = (await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: 'temu-bisnis-ikm-semarang-2025' } })).id;
  const bySentra = await api.gql(`{ funnelReport(dimension: SENTRA, year: 2025) { rows { key participants { value } } } }`, {}, { authorization: `Bearer ${token}` });
  const rows = bySentra.data!.funnelReport.rows as { key: string; participants: { value: number | null } }[];
  sentraKey = (rows.find((r) => r.key !== 'none' && r.participants.value !== null) ?? rows[0]!).key;
  browser = await launchChromium();
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** Each page object of a PDF with its MediaBox and its inflated content stream. */
function pdfPages(pdf: Buffer): { mediaBox: string; content: string }[] {
  const text = pdf.toString('latin1');
  const streams = new Map<string, string>();
  const streamHead = /(\d+) 0 obj\s*<<((?:(?!endobj|\d+ 0 obj)[\s\S])*?)>>\s*stream\r?\n/g;
  for (let m = streamHead.exec(text); m; m = streamHead.exec(text)) {
    const length = Number(/\/Length (\d+)/.exec(m[2]!)?.[1] ?? -1);
    if (length < 0) continue;
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + length);
    streams.set(m[1]!, m[2]!.includes('/FlateDecode') ? inflateSync(raw).toString('latin1') : raw.toString('latin1'));
  }
  const pages: { mediaBox: string; content: string }[] = [];
  const pageObj = /\d+ 0 obj\s*<<(\/Type \/Page\b(?:(?!endobj)[\s\S])*?)>>\s*endobj/g;
  for (let m = pageObj.exec(text); m; m = pageObj.exec(text)) {
    const refs = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(m[1]!)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((r) => r[1]!);
    pages.push({ mediaBox: /\/MediaBox \[([^\]]*)\]/.exec(m[1]!)?.[1] ?? '', content: refs.map((id) => streams.get(id) ?? '').join('\n') });
  }
  return pages;
}

const PAGES = () => [
  { name: 'forums-2025', path: '/reports/funnel/2025/forums' },
  { name: 'forum-2025', path: `/reports/funnel/2025/forums/${forumId}` },
  { name: 'sentra-2025', path: '/reports/funnel/2025/sentra' },
  { name: 'one-sentra-2025', path: `/reports/funnel/2025/sentra/${sentraKey}` },
];

describe('funnel report pages in Chromium', () => {
  it('render with charts on a desk screen and a phone, and print to A4 with every page drawn', async () => {
    const summary: string[] = [];
    for (const { name, path } of PAGES()) {
      const page = await browser!.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setViewportSize({ width: 1280, height: 900 });
      const response = await page.goto(`${api.url}${path}?token=${encodeURIComponent(token)}`, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      expect(await page.title()).toContain('Laporan Temu Bisnis 2025');
      const charts = await page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((s) => ({ w: s.getBoundingClientRect().width, bars: s.querySelectorAll('rect').length })));
      expect(charts.length, path).toBeGreaterThanOrEqual(1);
      for (const c of charts) expect(c.w).toBeGreaterThan(200);
      expect(charts[0]!.bars).toBe(10); // every funnel stage, drawn or marked hidden
      const rows = await page.locator('table.report tbody tr').count();
      expect(rows).toBeGreaterThanOrEqual(2);
      if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      const phone = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        thead: getComputedStyle(document.querySelector('table.report thead')!).display,
        chart: document.querySelector('figure.chart svg')!.getBoundingClientRect().width,
      }));
      expect(phone.overflow, `${path} on a phone`).toBeLessThanOrEqual(0);
      expect(phone.thead).toBe('none');
      expect(phone.chart).toBeGreaterThan(300);
      if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      if (SCREENSHOTS) writeFileSync(join(SCREENSHOTS, `${name}.pdf`), pdf);
      const pages = pdfPages(pdf);
      expect(pages.length, path).toBeGreaterThanOrEqual(1);
      pages.forEach((p, i) => {
        expect(p.mediaBox, `${path} page ${i + 1}`).toMatch(/^0 0 59[45](\.\d+)? 84[12](\.\d+)?$/);
        // Text is drawn with TJ/Tj between BT and ET; a blank page has none.
        expect(p.content, `${path} page ${i + 1} draws text`).toMatch(/BT[\s\S]*T[Jj][\s\S]*ET/);
      });
      expect(errors).toEqual([]);
      summary.push(`${path}: ${charts.length} charts, ${rows} table rows, PDF ${pdf.length} bytes, ${pages.length} A4 page(s)`);
      await page.close();
    }
    console.log(`report browser test (Chromium ${browser!.context.browser()?.version() ?? ''}):\n${summary.join('\n')}`);
  }, 240_000);
});
